using System.Net;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Secretariat;

/// <summary>An app of its own with the shipped sign-in limit (10 per address a minute), so the budget is this test's alone.</summary>
public sealed class SignInLimitFactory : WsisTrackerFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("RateLimiting:SignInPermitLimitPerAddress", "10"),
        ("RateLimiting:SignInWindowSeconds", "3600"),
    ];
}

public sealed class TwoFactorRateLimitTests(SignInLimitFactory app) : IClassFixture<SignInLimitFactory>
{
    [Fact]
    public async Task TwoFactorCode_FortyRapidPosts_MeetTheSignInLimit_And429()
    {
        using var client = app.CreatePageClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var response = await client.Http.PostAsync("/account/login/code", new FormUrlEncodedContent([new("Code", (100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))]));
            statuses.Add(response.StatusCode);
        }

        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[0]);
        Assert.Equal(30, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
