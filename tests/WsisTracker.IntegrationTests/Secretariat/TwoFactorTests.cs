using System.Net;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;
using WsisTracker.TestSupport;

namespace WsisTracker.IntegrationTests.Secretariat;

[Collection(AppCollection.Name)]
public sealed class TwoFactorTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task Administrator_AfterThePassword_MustSetUpTwoFactorBeforeAnyAdminPage()
    {
        var login = await app.CreateUserAsync(StaffRoles.Administrator);
        using var client = app.CreatePageClient();
        client.Login = login;
        using (var signIn = await client.TrySignInAsync(login.Email, login.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        using (var admin = await client.Http.GetAsync("/admin/users"))
        {
            Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
            Assert.StartsWith("/account/two-factor", admin.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var setup = await client.GetPageAsync("/account/two-factor");
        var key = setup.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        Assert.StartsWith("otpauth://totp/", setup.QuerySelector("#authenticator-uri")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"secret={key}", setup.QuerySelector("#authenticator-uri")!.TextContent, StringComparison.Ordinal);

        using (var wrong = await client.SubmitAsync(setup, "/account/two-factor", new Dictionary<string, object?> { ["Code"] = "000000" == Totp.Code(key) ? "111111" : "000000" }))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("not right", (await PageClient.ParseAsync(wrong)).QuerySelector(".field-error")!.TextContent, StringComparison.Ordinal);
        }

        var codes = await client.EnrolTwoFactorAsync();

        Assert.Equal(10, codes.QuerySelectorAll("ul.recovery-codes li").Length);
        await client.GetPageAsync("/admin/users");
    }

    [Fact]
    public async Task Administrator_WithTwoFactor_SignsInWithTheCode_OrARecoveryCodeOnlyOnce()
    {
        var login = await app.CreateUserAsync(StaffRoles.Administrator);
        string recovery;
        using (var first = app.CreatePageClient())
        {
            first.Login = login;
            using var signIn = await first.TrySignInAsync(login.Email, login.Password);
            recovery = (await first.EnrolTwoFactorAsync()).QuerySelector("ul.recovery-codes li")!.TextContent.Trim();
        }

        using var client = app.CreatePageClient();
        using (var password = await client.TrySignInAsync(login.Email, login.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
            Assert.StartsWith("/account/login/code", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        using (var notYet = await client.Http.GetAsync("/workspace"))
        {
            Assert.Equal(HttpStatusCode.Redirect, notYet.StatusCode);
            Assert.StartsWith("/account/login", notYet.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var codePage = await client.GetPageAsync("/account/login/code");
        using (var withRecovery = await client.SubmitAsync(codePage, "/account/login/code", new Dictionary<string, object?> { ["Code"] = recovery }))
        {
            Assert.Equal(HttpStatusCode.Redirect, withRecovery.StatusCode);
        }

        await client.GetPageAsync("/admin/users");

        using var again = app.CreatePageClient();
        using (var password = await again.TrySignInAsync(login.Email, login.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        }

        var secondCodePage = await again.GetPageAsync("/account/login/code");
        using var reused = await again.SubmitAsync(secondCodePage, "/account/login/code", new Dictionary<string, object?> { ["Code"] = recovery });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        var thirdCodePage = await PageClient.ParseAsync(reused);
        using var withCode = await again.SubmitAsync(thirdCodePage, "/account/login/code", new Dictionary<string, object?> { ["Code"] = Totp.Code(Totp.KeysByEmail[login.Email]) });
        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);
        await again.GetPageAsync("/admin/users");
    }
}
