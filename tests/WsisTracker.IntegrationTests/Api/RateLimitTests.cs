using System.Net;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.ApiKeys;
using WsisTracker.IntegrationTests.Infrastructure;
using static WsisTracker.IntegrationTests.Api.CommitmentWritesApiTests;

namespace WsisTracker.IntegrationTests.Api;

/// <summary>An app of its own, with low limits and a window far longer than the test, so counts cannot reset mid-test.</summary>
public sealed class RateLimitedFactory : WsisTrackerFactory
{
    public const int PerKey = 3;
    public const int PerAddress = 8;
    public const int SignInsPerAddress = 3;

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("RateLimiting:PermitLimitPerKey", PerKey.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("RateLimiting:PermitLimitPerAddress", PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("RateLimiting:WindowSeconds", "3600"),
        ("RateLimiting:SignInPermitLimitPerAddress", SignInsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("RateLimiting:SignInWindowSeconds", "3600"),
    ];
}

/// <remarks>
/// In the app collection so that its host never starts while the shared one does: two hosts of <c>Program</c>
/// starting at once race on Serilog's static bootstrap logger ("already frozen").
/// </remarks>
[Collection(AppCollection.Name)]
public sealed class RateLimitTests(RateLimitedFactory app) : IClassFixture<RateLimitedFactory>
{
    [Fact]
    public async Task PerKeyThenPerAddress_TheRequestOverTheLimitGets429WithRetryAfter()
    {
        using var keyed = app.CreateClientWithKey(await app.CreateApiKeyAsync(ApiKeyRole.Secretariat));
        var keyedStatuses = new List<HttpStatusCode>();
        for (var i = 0; i <= RateLimitedFactory.PerKey; i++)
        {
            using var response = await keyed.GetAsync("/api/v1/action-lines");
            keyedStatuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await AssertProblemAsync(response, "rate-limited");
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, RateLimitedFactory.PerKey), HttpStatusCode.TooManyRequests], keyedStatuses);

        // The address has used PerKey + 1 attempts of its own limit; anonymous requests use the rest.
        using var anonymous = app.CreateClient();
        var anonymousStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitedFactory.PerAddress; i++)
        {
            using var response = await anonymous.GetAsync("/api/v1/action-lines");
            anonymousStatuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.OK, anonymousStatuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, anonymousStatuses[^1]);
        using var pages = await anonymous.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, pages.StatusCode);
    }

    [Fact]
    public async Task SignIn_OverTheLimitFromOneAddress_Gets429WithRetryAfter_EvenWithTheRightPassword()
    {
        var login = await app.CreateUserAsync(StaffRoles.Secretariat);
        using var client = app.CreatePageClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitedFactory.SignInsPerAddress; i++)
        {
            using var failed = await client.TrySignInAsync($"nobody-{Guid.NewGuid():N}@example.org", "not the password at all");
            statuses.Add(failed.StatusCode);
        }

        using var limited = await client.TrySignInAsync(login.Email, login.Password);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, RateLimitedFactory.SignInsPerAddress), statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        Assert.Contains("Too many sign-in attempts", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var page = await client.Http.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
