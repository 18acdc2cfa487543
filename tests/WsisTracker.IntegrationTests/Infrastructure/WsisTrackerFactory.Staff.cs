using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Stakeholders;
using WsisTracker.TestSupport;

namespace WsisTracker.IntegrationTests.Infrastructure;

public sealed record StaffLogin(string Email, string Password, string Role);

/// <summary>Intent methods for the staff workspace: accounts, signed-in clients and data to edit.</summary>
public partial class WsisTrackerFactory
{
    /// <summary>Creates an account with a unique e-mail address and a password that passes the rules.</summary>
    public async Task<StaffLogin> CreateUserAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        var password = $"correct horse {Guid.NewGuid():N}";
        await using var scope = Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, role, password);
        Assert.True(created.Succeeded, created.Error?.Message);
        return new StaffLogin(email, password, role);
    }

    /// <summary>An HTTP client with its own cookies and no automatic redirects, not signed in.</summary>
    public PageClient CreatePageClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = HttpsBase }));

    /// <summary>A client signed in through the real sign-in form as a new user of <paramref name="role"/>.</summary>
    public async Task<PageClient> CreateClientAsAsync(string role) => await SignInAsync(await CreateUserAsync(role));

    /// <summary>
    /// Signs in through the real forms: the password, then the authenticator code when the account has two-factor
    /// sign-in, or (an administrator's first sign-in) setting it up with the key the page shows.
    /// </summary>
    public async Task<PageClient> SignInAsync(StaffLogin login)
    {
        var client = CreatePageClient();
        using var response = await client.TrySignInAsync(login.Email, login.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        client.Login = login;
        if (response.Headers.Location!.OriginalString.StartsWith("/account/login/code", StringComparison.Ordinal))
        {
            var codePage = await client.GetPageAsync(response.Headers.Location.OriginalString);
            using var signedIn = await client.SubmitAsync(codePage, "/account/login/code", new Dictionary<string, object?> { ["Code"] = Totp.Code(Totp.KeysByEmail[login.Email]) });
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            return client;
        }

        using var workspace = await client.Http.GetAsync("/workspace");
        if (workspace.StatusCode == HttpStatusCode.Redirect && workspace.Headers.Location!.OriginalString.StartsWith("/account/two-factor", StringComparison.Ordinal))
        {
            await client.EnrolTwoFactorAsync();
        }

        return client;
    }

    /// <summary>Creates a commitment citing 70/125 paragraph 63, action line C1 and ITU as lead, as a system task.</summary>
    public async Task<CommitmentDetail> CreateCommitmentAsync(string? title = null)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("integration-tests", ActorKind.System);
        var input = new CommitmentInput(
            title ?? $"Test commitment {Guid.NewGuid():N}",
            "Arranged by a test.",
            [new ParagraphKey("a-res-70-125", 63)],
            ["C1"],
            ["itu"],
            ["unesco"],
            new DateOnly(2030, 12, 31),
            null,
            ReportingCadence.Annual,
            [new MilestoneInput("First step", new DateOnly(2027, 6, 30), null)]);
        var created = await scope.ServiceProvider.GetRequiredService<CommitmentWrites>().CreateAsync(input, CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value;
    }

    public async Task<StakeholderModel> CreateStakeholderAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("integration-tests", ActorKind.System);
        var created = await scope.ServiceProvider.GetRequiredService<StakeholderWrites>()
            .CreateAsync(new StakeholderInput($"Test stakeholder {Guid.NewGuid():N}", null, StakeholderGroup.CivilSociety, null, null), CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value;
    }
}
