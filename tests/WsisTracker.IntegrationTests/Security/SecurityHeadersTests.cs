using System.Net;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Security;

[Collection(AppCollection.Name)]
public sealed class SecurityHeadersTests(WsisTrackerFactory app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api/v1/resolutions")]
    [InlineData("/api/v1/commitments/987654321")]
    [InlineData("/health/ready")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Matches("^[0-9A-Za-z:._-]{8,}$", Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
    }

    [Fact]
    public async Task ProblemResponses_CarryTheCorrelationIdOfTheResponse()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/v1/commitments/987654321");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains($"\"correlationId\":\"{Assert.Single(response.Headers.GetValues("X-Correlation-Id"))}\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardedHeaders_FromAnUnlistedProxy_AreIgnored()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://wsis-tracker.example") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS is sent only on HTTPS, and the forwarded scheme was not trusted");
    }

    [Fact]
    public async Task Hsts_OnHttps_LastsAYearWithSubdomains()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://wsis-tracker.example") });

        using var response = await client.GetAsync("/");

        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.Equal("max-age=31536000; includeSubDomains", hsts);
    }

    [Fact]
    public async Task Api_IsNeverRedirectedToHttps()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });

        using var response = await client.GetAsync("/api/v1/resolutions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
