using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WsisTracker.IntegrationTests.Security;

/// <summary>With an HTTPS port configured, pages move to HTTPS and the API never does. No database is needed.</summary>
public sealed class HttpsRedirectionTests : IClassFixture<HttpsRedirectionTests.HttpsPortFactory>
{
    private readonly HttpsPortFactory _app;

    public HttpsRedirectionTests(HttpsPortFactory app) => _app = app;

    [Fact]
    public async Task Page_OverHttp_IsRedirectedToHttps()
    {
        using var client = _app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://wsis-tracker.example") });

        using var response = await client.GetAsync("/commitments?status=onTrack");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://wsis-tracker.example/commitments?status=onTrack", response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("/api/v1/commitments")]
    [InlineData("/health/live")]
    public async Task ApiAndHealth_OverHttp_AreNotRedirected(string url)
    {
        using var client = _app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://wsis-tracker.example") });

        using var response = await client.GetAsync(url);

        Assert.NotEqual(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    public sealed class HttpsPortFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("https_port", "443");
            builder.UseSetting("ConnectionStrings:WsisTracker", "Host=127.0.0.1;Port=1;Database=none;Username=wsis;Timeout=2");
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Fatal");
        }
    }
}
