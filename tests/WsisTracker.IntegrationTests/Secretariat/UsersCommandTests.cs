using System.Net;
using Microsoft.EntityFrameworkCore;
using WsisTracker.IntegrationTests.Infrastructure;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.IntegrationTests.Secretariat;

[Collection(AppCollection.Name)]
public sealed class UsersCommandTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task UsersAdd_WithAPasswordOnStandardInput_CreatesAUserWhoCanSignIn()
    {
        var email = $"cli-{Guid.NewGuid():N}@example.org";
        const string password = "a long passphrase typed once";

        var (code, output, error) = await RunAsync(["users", "add", "--email", email, "--role", "Administrator", "--password-stdin"], password + "\n");

        Assert.True(code == 0, error);
        Assert.Contains($"Created Administrator {email}", output, StringComparison.Ordinal);
        Assert.Contains(WsisTracker.Web.Infrastructure.UsersCommand.TwoFactorNote, output, StringComparison.Ordinal);
        using var client = await app.SignInAsync(new StaffLogin(email, password, "Administrator"));
        await client.GetPageAsync("/admin/users");
    }

    [Theory]
    [InlineData("Owner", "a long passphrase typed once", "role")]
    [InlineData("Secretariat", "short", "at least 12")]
    [InlineData("Secretariat", "LeaveMeAlone", "too common")]
    [InlineData("Secretariat", "", "Give a password")]
    public async Task UsersAdd_WithBadInput_ExitsWith2AndCreatesNothing(string role, string password, string message)
    {
        var email = $"cli-{Guid.NewGuid():N}@example.org";

        var (code, _, error) = await RunAsync(["users", "add", "--email", email, "--role", role, "--password-stdin"], password + "\n");

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.OrdinalIgnoreCase);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Theory]
    [InlineData("users", "add", "--email", "x@example.org", "--role", "Secretariat")]
    [InlineData("users", "add", "--role", "Secretariat", "--password-stdin")]
    [InlineData("users", "remove", "--email", "x@example.org")]
    [InlineData("users", "add", "--email", "x@example.org", "--role", "Secretariat", "--password-stdin", "--password", "oops")]
    public async Task UsersAdd_WithMissingOrUnknownOptions_ExitsWith2(params string[] args)
    {
        var (code, _, error) = await RunAsync(args, "a long passphrase typed once\n");

        Assert.Equal(2, code);
        Assert.Contains("Usage: users add", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersAdd_ForAnExistingEmail_ExitsWith2()
    {
        var existing = await app.CreateUserAsync("Secretariat");

        var (code, _, error) = await RunAsync(["users", "add", "--email", existing.Email, "--role", "Secretariat", "--password-stdin"], "another long passphrase\n");

        Assert.Equal(2, code);
        Assert.Contains("already", error, StringComparison.Ordinal);
        using var client = app.CreatePageClient();
        using var response = await client.TrySignInAsync(existing.Email, existing.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task UsersAdd_AContributorWithStakeholders_LandsOnTheirCommitments_AndWithoutOneIsRefused()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var email = $"cli-contributor-{Guid.NewGuid():N}@example.org";
        const string password = "a long passphrase typed once";

        var (refused, _, why) = await RunAsync(["users", "add", "--email", email, "--role", "Contributor", "--password-stdin"], password + "\n");
        Assert.Equal(2, refused);
        Assert.Contains("stakeholders:", why, StringComparison.Ordinal);
        var (unknown, _, which) = await RunAsync(["users", "add", "--email", email, "--role", "Contributor", "--stakeholder", $"{slug},no-such-{Guid.NewGuid():N}", "--password-stdin"], password + "\n");
        Assert.Equal(2, unknown);
        Assert.Contains("There is no stakeholder 'no-such-", which, StringComparison.Ordinal);

        var (code, output, error) = await RunAsync(["users", "add", "--email", email, "--role", "Contributor", "--stakeholder", slug, "--password-stdin"], password + "\n");
        Assert.True(code == 0, error);
        Assert.Contains($"Created Contributor {email} for {slug}.", output, StringComparison.Ordinal);
        using var client = app.CreatePageClient();
        using var signedIn = await client.TrySignInAsync(email, password);
        Assert.Equal("/contribute", signedIn.Headers.Location?.OriginalString);
        var home = await client.GetPageAsync("/contribute");
        Assert.Contains(home.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/contribute/commitments/{commitmentId}/report");
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(string[] args, string stdin)
    {
        using var input = new StringReader(stdin);
        await using var output = new StringWriter();
        await using var error = new StringWriter();
        var code = await UsersCommand.RunAsync(app.Services, args, input, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
