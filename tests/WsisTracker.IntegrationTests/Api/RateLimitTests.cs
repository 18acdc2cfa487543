using System.Net;
using WsisTracker.Core.ApiKeys;
using WsisTracker.IntegrationTests.Infrastructure;
using static WsisTracker.IntegrationTests.Api.CommitmentWritesApiTests;

namespace WsisTracker.IntegrationTests.Api;

/// <summary>An app of its own, with low limits and a window far longer than the test, so counts cannot reset mid-test.</summary>
public sealed class RateLimitedFactory : WsisTrackerFactory
{
    public const int PerKey = 3;
    public const int PerAddress = 8;

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("RateLimiting:PermitLimitPerKey", PerKey.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("RateLimiting:PermitLimitPerAddress", PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("RateLimiting:WindowSeconds", "3600"),
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
}
