using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Data;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Secretariat;

/// <summary>
/// Invitations (decision 084): an administrator invites from <c>/admin/users</c> and is shown the link once; the
/// person sets their own password through the link, once, before it expires; only the token's hash is stored.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class InvitationTests(WsisTrackerFactory app)
{
    private async Task<CreatedInvitation> InviteAsync(string email, string role = StaffRoles.Contributor, string[]? stakeholders = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<Invitations>().CreateAsync(email, role, stakeholders ?? ["itu"], "integration-tests", CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value!;
    }

    private static string Email() => $"invited-{Guid.NewGuid():N}@example.org";

    private async Task<HttpResponseMessage> AcceptAsync(PageClient client, string token, string password, string? confirm = null)
    {
        var page = await client.GetPageAsync($"/account/invitation?token={token}");
        return await client.SubmitAsync(page, "/account/invitation", new Dictionary<string, object?> { ["Password"] = password, ["ConfirmPassword"] = confirm ?? password });
    }

    [Fact]
    public async Task Administrator_InvitesAContributorOnTheUsersPage_AndIsShownTheLinkOnce_OnlyItsHashIsStored()
    {
        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);
        var email = Email();
        var page = await admin.GetPageAsync("/admin/users");

        using var response = await admin.SubmitAsync(page, "/admin/users/invitations", new Dictionary<string, object?> { ["Email"] = email, ["Role"] = StaffRoles.Contributor, ["Stakeholders"] = "itu" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await PageClient.ParseAsync(response);
        var link = shown.QuerySelector("#invitation-link")!.TextContent.Trim();
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WsisTrackerDbContext>();
        var stored = await db.Invitations.AsNoTracking().SingleAsync(i => i.Email == email);
        Assert.Equal(Invitations.Hash(token), stored.TokenHash);
        Assert.Equal(StaffRoles.Contributor, stored.Role);
        Assert.DoesNotContain(token, await db.Database.SqlQueryRaw<string>("SELECT row_to_json(i)::text AS \"Value\" FROM invitations i WHERE email = {0}", email).SingleAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, string.Join('\n', app.Logs.Lines), StringComparison.Ordinal);
        var again = await admin.GetPageAsync("/admin/users");
        Assert.DoesNotContain(token, again.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains(email, again.QuerySelector("#invitations")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvitationAccepted_OnAFrenchPage_WritesTheAccountsEmailsInFrench_AndOnAnEnglishOneInEnglish()
    {
        var french = Email();
        var english = Email();
        var toFrench = await InviteAsync(french);
        var toEnglish = await InviteAsync(english);
        using var client = app.CreatePageClient();
        var password = $"correct horse {Guid.NewGuid():N}";

        var page = await client.GetPageAsync($"/fr/account/invitation?token={toFrench.Token}");
        using (var accepted = await client.SubmitAsync(page, "/fr/account/invitation", new Dictionary<string, object?> { ["Password"] = password, ["ConfirmPassword"] = password }))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        using (var accepted = await AcceptAsync(app.CreatePageClient(), toEnglish.Token, password))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WsisTrackerDbContext>();
        Assert.Equal("fr", await db.Users.Where(u => u.Email == french).Select(u => u.Culture).SingleAsync());
        Assert.Equal("en", await db.Users.Where(u => u.Email == english).Select(u => u.Culture).SingleAsync());
    }

    [Fact]
    public async Task InvitedPerson_SetsTheirPassword_SignsIn_AndTheLinkWorksOnce()
    {
        var email = Email();
        var invitation = await InviteAsync(email);
        using var client = app.CreatePageClient();

        var form = await client.GetPageAsync($"/account/invitation?token={invitation.Token}");
        Assert.Contains(email, form.QuerySelector("main, body")!.TextContent, StringComparison.Ordinal);
        var password = $"correct horse {Guid.NewGuid():N}";
        using var accepted = await AcceptAsync(client, invitation.Token, password);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        using var signedIn = await app.CreatePageClient().TrySignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.DoesNotContain("/account/login", signedIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ListAsync(CancellationToken.None)).Single(u => u.Email == email);
        Assert.Equal(StaffRoles.Contributor, user.Role);
        Assert.Equal(["itu"], user.Stakeholders);

        using var reused = await client.Http.GetAsync($"/account/invitation?token={invitation.Token}");
        Assert.Equal(HttpStatusCode.NotFound, reused.StatusCode);
    }

    [Fact]
    public async Task AWeakPasswordOrAMismatch_IsAFormError_AndTheLinkStillWorks()
    {
        var email = Email();
        var invitation = await InviteAsync(email);
        using var client = app.CreatePageClient();

        using var weak = await AcceptAsync(client, invitation.Token, "short");
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.NotEmpty((await PageClient.ParseAsync(weak)).QuerySelector(".field-error")!.TextContent.Trim());
        using var mismatch = await AcceptAsync(client, invitation.Token, $"correct horse {Guid.NewGuid():N}", "something else entirely");
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);

        using var accepted = await AcceptAsync(client, invitation.Token, $"correct horse {Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }

    [Fact]
    public async Task AnExpiredOrSupersededOrUnknownLink_GetsOneAnswer_AndMakesNoAccount()
    {
        var expiredEmail = Email();
        var expired = await InviteAsync(expiredEmail);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WsisTrackerDbContext>();
            await db.Invitations.Where(i => i.Email == expiredEmail).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        var email = Email();
        var first = await InviteAsync(email);
        var second = await InviteAsync(email);
        using var client = app.CreatePageClient();

        foreach (var token in new[] { expired.Token, first.Token, "not-a-token" })
        {
            using var response = await client.Http.GetAsync($"/account/invitation?token={token}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("not valid", (await PageClient.ParseAsync(response)).QuerySelector("p.notice")!.TextContent, StringComparison.Ordinal);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<Invitations>();
            Assert.Equal("invitation-invalid", (await accounts.AcceptWithPasswordAsync(expired.Token, $"correct horse {Guid.NewGuid():N}")).Error!.Code);
            Assert.Equal("invitation-invalid", (await accounts.AcceptWithPasswordAsync(first.Token, $"correct horse {Guid.NewGuid():N}")).Error!.Code);
            Assert.True((await accounts.AcceptWithPasswordAsync(second.Token, $"correct horse {Guid.NewGuid():N}")).Succeeded);
        }
    }

    [Fact]
    public async Task TwoUsesAtOnce_MakeOneAccount()
    {
        var email = Email();
        var invitation = await InviteAsync(email);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Invitations>().AcceptWithPasswordAsync(invitation.Token, $"correct horse {Guid.NewGuid():N}");
        }));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal("invitation-invalid", r.Error!.Code));
        await using var check = app.Services.CreateAsyncScope();
        Assert.Single(await check.ServiceProvider.GetRequiredService<StaffAccounts>().ListAsync(CancellationToken.None), u => u.Email == email);
    }

    [Fact]
    public async Task AContributorInvitation_NeedsAStakeholder_AndAnExistingAddressIsRefused()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var invitations = scope.ServiceProvider.GetRequiredService<Invitations>();
        var existing = await app.CreateUserAsync(StaffRoles.Secretariat);

        var without = await invitations.CreateAsync(Email(), StaffRoles.Contributor, [], "integration-tests", CancellationToken.None);
        var taken = await invitations.CreateAsync(existing.Email, StaffRoles.Secretariat, [], "integration-tests", CancellationToken.None);

        Assert.Contains("stakeholders", without.Error!.FieldErrors!.Keys);
        Assert.Contains("email", taken.Error!.FieldErrors!.Keys);
    }
}

internal static class InvitationsAcceptance
{
    /// <summary>Accepts with the password typed the same twice.</summary>
    public static Task<Core.Common.Result<Core.Accounts.StaffUserModel>> AcceptWithPasswordAsync(this Core.Accounts.Invitations invitations, string token, string password) =>
        invitations.AcceptAsync(token, password, password, CancellationToken.None);
}
