using System.Buffers.Binary;
using System.Net;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Secretariat;

[Collection(AppCollection.Name)]
public sealed class AccountTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task LoginPage_HasVisibleEmailAndPasswordLabels()
    {
        using var client = app.CreatePageClient();
        var page = await client.GetPageAsync("/account/login");

        var labels = page.QuerySelectorAll("form[action='/account/login'] label").Select(l => (l.TextContent.Trim(), l.GetAttribute("for"))).ToList();
        Assert.Contains(("Email", "Email"), labels);
        Assert.Contains(("Password", "Password"), labels);
        Assert.NotNull(page.QuerySelector("input[name='__RequestVerificationToken']"));
    }

    [Fact]
    public async Task Login_WithTheRightPassword_OpensTheWorkspace()
    {
        var login = await app.CreateUserAsync(StaffRoles.Secretariat);
        using var client = await app.SignInAsync(login);

        var workspace = await client.GetPageAsync("/workspace");

        Assert.Contains($"Sign out {login.Email}", workspace.QuerySelector("header")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_SetsAnHttpOnlySameSiteCookie()
    {
        var login = await app.CreateUserAsync(StaffRoles.Secretariat);
        using var client = app.CreatePageClient();

        using var response = await client.TrySignInAsync(login.Email, login.Password);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("wsis.staff=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LoginPage_SetsAnHttpOnlySameSiteAntiforgeryCookie()
    {
        using var client = app.CreatePageClient();

        using var response = await client.Http.GetAsync("/account/login");

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("wsis.antiforgery=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Workspace_WhenSignedOut_RedirectsToLogin()
    {
        using var client = app.CreatePageClient();

        using var response = await client.Http.GetAsync("/workspace");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithAWrongPassword_SaysSoAndDoesNotSignIn()
    {
        var login = await app.CreateUserAsync(StaffRoles.Secretariat);
        using var client = app.CreatePageClient();

        using var response = await client.TrySignInAsync(login.Email, "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageClient.ParseAsync(response);
        Assert.Contains("The e-mail address or password is not right.", page.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        using var workspace = await client.Http.GetAsync("/workspace");
        Assert.Equal(HttpStatusCode.Redirect, workspace.StatusCode);
    }

    [Fact]
    public async Task Login_AfterFiveFailures_WaitsSecondsNotMinutes_ThenTheRightPasswordWorks()
    {
        var login = await app.CreateUserAsync(StaffRoles.Administrator);
        using var client = app.CreatePageClient();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.TrySignInAsync(login.Email, $"wrong password number {i}");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var waitUntil = await app.WithDbAsync(db => db.Users.Where(u => u.Email == login.Email).Select(u => u.LockoutEnd).SingleAsync());
        Assert.NotNull(waitUntil);
        Assert.True(waitUntil.Value - DateTimeOffset.UtcNow < TimeSpan.FromSeconds(30), $"The account waits until {waitUntil:O}.");

        await Task.Delay(Max(TimeSpan.Zero, waitUntil.Value - DateTimeOffset.UtcNow) + TimeSpan.FromMilliseconds(300));
        using var signedIn = await client.TrySignInAsync(login.Email, login.Password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task Login_WhileTheAccountWaits_RefusesEvenTheRightPassword_AndDoesNotCountIt()
    {
        var login = await app.CreateUserAsync(StaffRoles.Secretariat);
        await WaitAsync(login.Email, failures: 4, TimeSpan.FromMinutes(1));
        using var client = app.CreatePageClient();

        using var response = await client.TrySignInAsync(login.Email, login.Password);
        using var wrong = await client.TrySignInAsync(login.Email, "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, await app.WithDbAsync(db => db.Users.Where(u => u.Email == login.Email).Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Fact]
    public async Task Login_ForAnUnknownAccountAWaitingOneAndAWrongPassword_SaysTheSameThing()
    {
        var waiting = await app.CreateUserAsync(StaffRoles.Administrator);
        await WaitAsync(waiting.Email, failures: 6, TimeSpan.FromMinutes(1));
        var wrong = await app.CreateUserAsync(StaffRoles.Administrator);
        using var client = app.CreatePageClient();

        var messages = new List<string>();
        foreach (var (email, password) in new[] { ($"nobody-{Guid.NewGuid():N}@example.org", "any password at all"), (waiting.Email, waiting.Password), (wrong.Email, "not the password at all") })
        {
            using var response = await client.TrySignInAsync(email, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            messages.Add((await PageClient.ParseAsync(response)).QuerySelector(".form-errors")!.TextContent.Trim());
        }

        Assert.Single(messages.Distinct());
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Puts the account in a wait, as that many failures in a row would, for a fixed time.</summary>
    private Task WaitAsync(string email, int failures, TimeSpan wait) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.AccessFailedCount, failures)
            .SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow + wait)));

    [Fact]
    public async Task Login_WithoutTheAntiforgeryToken_IsRefused()
    {
        var login = await app.CreateUserAsync(StaffRoles.Secretariat);
        using var client = app.CreatePageClient();

        using var response = await client.Http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = login.Email, ["Password"] = login.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Logout_ThroughTheForm_SignsOut()
    {
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var confirm = await client.GetPageAsync("/account/logout");

        using var response = await client.SubmitAsync(confirm, "/account/logout");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var workspace = await client.Http.GetAsync("/workspace");
        Assert.Equal(HttpStatusCode.Redirect, workspace.StatusCode);
    }

    [Fact]
    public async Task AdminPages_ForTheSecretariat_AreDenied()
    {
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);

        using var response = await client.Http.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var denied = await client.GetPageAsync(response.Headers.Location.OriginalString);
        Assert.Equal("Not allowed", denied.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task StoredPasswords_UsePbkdf2WithAtLeast210000Iterations()
    {
        var login = await app.CreateUserAsync(StaffRoles.Secretariat);

        var hash = await app.WithDbAsync(db => db.Users.Where(u => u.Email == login.Email).Select(u => u.PasswordHash).SingleAsync());

        var bytes = Convert.FromBase64String(hash!);
        Assert.Equal(0x01, bytes[0]);
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4)) >= 210_000);
        Assert.DoesNotContain(login.Password, hash, StringComparison.Ordinal);
    }
}
