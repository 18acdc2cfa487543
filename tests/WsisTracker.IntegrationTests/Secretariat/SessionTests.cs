using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Secretariat;

[Collection(AppCollection.Name)]
public sealed class SessionTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task SignOut_EndsTheSession_ACookieCopiedBeforeAnswersAsAnonymous()
    {
        var login = await app.CreateUserAsync(StaffRoles.Secretariat);
        using var client = app.CreatePageClient();
        string copied;
        using (var signIn = await client.TrySignInAsync(login.Email, login.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            copied = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("wsis.staff=", StringComparison.Ordinal)).Split(';')[0];
        }

        using (var before = await WithCookieAsync(app, copied, "/workspace"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var confirm = await client.GetPageAsync("/account/logout");
        using var signedOut = await client.SubmitAsync(confirm, "/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        using var after = await WithCookieAsync(app, copied, "/workspace");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    internal static async Task<HttpResponseMessage> WithCookieAsync(WsisTrackerFactory app, string cookie, string url)
    {
        using var bare = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = WsisTrackerFactory.HttpsBase });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await bare.SendAsync(request);
    }
}

/// <summary>An app of its own whose sessions end six seconds after sign-in, however active.</summary>
public sealed class ShortSessionFactory : WsisTrackerFactory
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(6);

    protected override IEnumerable<(string Key, string Value)> Settings() => [("Sessions:AbsoluteLifetime", "00:00:06")];
}

[Collection(AppCollection.Name)]
public sealed class AbsoluteSessionLifetimeTests(ShortSessionFactory app) : IClassFixture<ShortSessionFactory>
{
    [Fact]
    public async Task Session_PastItsAbsoluteLifetime_IsRefusedEvenWhileInUse()
    {
        var login = await app.CreateUserAsync(StaffRoles.Secretariat);
        using var client = await app.SignInAsync(login);
        var signedIn = DateTimeOffset.UtcNow;
        await client.GetPageAsync("/workspace");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await client.GetPageAsync("/workspace");

        // The session began before SignInAsync returned, so this is past its lifetime.
        await Task.Delay(signedIn + ShortSessionFactory.Lifetime + TimeSpan.FromMilliseconds(500) - DateTimeOffset.UtcNow);
        using var response = await client.Http.GetAsync("/workspace");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}

[Collection(AppCollection.Name)]
public sealed class StaffAccountRulesTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task StaffAccounts_ForAnyFrontEnd_RefusesAnAdministratorDisablingOrDemotingThemselves()
    {
        var admin = await app.CreateUserAsync(StaffRoles.Administrator);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == admin.Email).Select(u => u.Id).SingleAsync());
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();

        var demoted = await accounts.ChangeRoleAsync(id, StaffRoles.Secretariat, actingUserId: id);
        var disabled = await accounts.DisableAsync(id, actingUserId: id);

        Assert.Equal(StaffAccounts.OwnAccountCode, demoted.Error?.Code);
        Assert.Equal(StaffAccounts.OwnAccountCode, disabled.Error?.Code);
        var after = await accounts.GetAsync(id);
        Assert.Equal(StaffRoles.Administrator, after.Value!.Role);
        Assert.Null(after.Value.DisabledAt);
    }

    [Fact]
    public async Task ChangeRole_LeavesExactlyOneRole()
    {
        var user = await app.CreateUserAsync(StaffRoles.Secretariat);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == user.Email).Select(u => u.Id).SingleAsync());
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();

        var changed = await accounts.ChangeRoleAsync(id, StaffRoles.Administrator, actingUserId: null);

        Assert.True(changed.Succeeded, changed.Error?.Message);
        var roles = await app.WithDbAsync(db => db.UserRoles.Where(r => r.UserId == id).CountAsync());
        Assert.Equal(1, roles);
    }
}
