using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WsisTracker.IntegrationTests.Security;

/// <summary>The app with its database unreachable (nothing listens on the port): it says so, fast, and leaks nothing.</summary>
public sealed class DatabaseOutageTests : IClassFixture<DatabaseOutageTests.UnreachableDatabaseFactory>
{
    private readonly UnreachableDatabaseFactory _app;

    public DatabaseOutageTests(UnreachableDatabaseFactory app) => _app = app;

    [Fact]
    public async Task Ready_IsUnhealthy503_WhileLiveStays200()
    {
        using var client = _app.CreateClient();

        using var ready = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task ApiRequest_FailsFastWith503ProblemAndRetryAfter_WithoutInternals()
    {
        using var client = _app.CreateClient();
        var watch = Stopwatch.StartNew();

        using var response = await client.GetAsync("/api/v1/commitments");

        watch.Stop();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("urn:wsis-tracker:problem:service-unavailable", problem.GetProperty("type").GetString());
        Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"the request took {watch.Elapsed} instead of failing fast");
    }

    [Fact]
    public async Task Page_ShowsAPlain503PageWithTheCorrelationId()
    {
        using var client = _app.CreateClient();

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Temporarily unavailable", html, StringComparison.Ordinal);
        Assert.Contains(Assert.Single(response.Headers.GetValues("X-Correlation-Id")), html, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", html, StringComparison.Ordinal);
    }

    public sealed class UnreachableDatabaseFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:WsisTracker", $"Host=127.0.0.1;Port={closedPort};Database=none;Username=wsis;Timeout=3");
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Fatal");
        }
    }
}
