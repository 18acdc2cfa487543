using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.IntegrationTests.Observability;

/// <summary>
/// <c>/metrics</c> (decision 124): served to the allowed networks with the request durations, Npgsql's command
/// durations and the app's cache, outbox and idempotency counters; refused (404) to any other address and to a
/// request that came through a proxy the app does not trust; and log lines carry their request's trace id.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class MetricsTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task Metrics_FromLoopback_ServeRequestDurationsAndTheAppsCounters()
    {
        await using var local = From(IPAddress.Loopback);
        using var client = local.CreateClient();
        using var writer = await WriterAsync(local);

        // Read-cache and output-cache misses then hits; an idempotent retry; an e-mail queued.
        for (var i = 0; i < 2; i++)
        {
            using var dashboard = await client.GetAsync("/api/v1/dashboard");
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
            using var page = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        var body = JsonSerializer.Serialize(new { name = $"Metrics Org {Guid.NewGuid():N}", group = "civilSociety", countryCode = "KEN" });
        var key = Guid.NewGuid().ToString();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/stakeholders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", key);
            using var created = await writer.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var login = await app.CreateUserAsync(StaffRoles.Secretariat);
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == login.Email);
            Core.Email.Outbox.Add(db, Core.Email.Outbox.Message(user, new Core.Email.Reminder("metrics", "Counted", "Body.", "A test.", "/contribute"), db.UtcNow));
            return await db.SaveChangesAsync();
        });

        using var metrics = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        var text = await metrics.Content.ReadAsStringAsync();
        foreach (var name in new[]
        {
            "http_server_request_duration_seconds_bucket",
            "db_client_operation_duration_seconds_bucket",
            "wsis_read_cache_hits_total",
            "wsis_read_cache_misses_total",
            "wsis_read_cache_generations_total",
            "wsis_output_cache_hits_total",
            "wsis_output_cache_misses_total",
            "wsis_outbox_queued_total",
            "wsis_idempotency_replays_total",
            "aspnetcore_rate_limiting_requests_total",
            "db_client_connection_max",
        })
        {
            Assert.True(text.Contains(name, StringComparison.Ordinal), $"/metrics has no {name}:\n{text[..Math.Min(text.Length, 4000)]}");
        }

        // Decision 134: what records on every request or command and answers no question of operations.md is not
        // collected at all.
        foreach (var dropped in new[]
        {
            "aspnetcore_memory_pool_",
            "aspnetcore_routing_",
            "aspnetcore_authentication_",
            "aspnetcore_rate_limiting_request_lease_duration",
            "aspnetcore_rate_limiting_active_request_leases",
            "db_client_operation_npgsql_executing",
            "db_client_operation_npgsql_bytes_",
            "db_client_operation_npgsql_prepared_ratio",
        })
        {
            Assert.False(text.Contains(dropped, StringComparison.Ordinal), $"/metrics still has {dropped}");
        }
    }

    [Fact]
    public async Task Metrics_FromAnAddressOutsideTheAllowedNetworks_AreRefused()
    {
        await using var outside = From(IPAddress.Parse("203.0.113.7"));
        using var client = outside.CreateClient();
        using var refused = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("http_server_request_duration_seconds", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Loopback, but through a proxy the app does not trust: the proxy's address says nothing about the client.
        await using var local = From(IPAddress.Loopback);
        using var proxied = local.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", "198.51.100.1");
        using var forwarded = await proxied.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, forwarded.StatusCode);
    }

    [Fact]
    public async Task Metrics_FromAnAllowedNetworkOfTheSetting_AreServed_AndLoopbackNoLonger()
    {
        await using var monitoring = From(IPAddress.Parse("10.20.30.40"), "10.20.0.0/16");
        using var fromMonitoring = monitoring.CreateClient();
        using var served = await fromMonitoring.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        // Kestrel on a dual-stack socket sees IPv4 clients as IPv4-mapped IPv6 addresses.
        await using var mapped = From(IPAddress.Parse("::ffff:10.20.30.40"), "10.20.0.0/16");
        using var fromMapped = mapped.CreateClient();
        using var servedMapped = await fromMapped.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, servedMapped.StatusCode);

        await using var local = From(IPAddress.Loopback, "10.20.0.0/16");
        using var fromLoopback = local.CreateClient();
        using var refused = await fromLoopback.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task LogLine_CarriesTheTraceIdOfItsRequest()
    {
        var traceId = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/commitments/{int.MaxValue}");
        request.Headers.Add("traceparent", $"00-{traceId}-0123456789abcdef-01");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        // The request line of a 404 is a warning, which the test sink keeps.
        var line = Assert.Single(app.Logs.Events, e => e.Properties.TryGetValue("TraceId", out var id) && id.ToString().Trim('"') == traceId);
        Assert.Contains($"/api/v1/commitments/{int.MaxValue}", line.RenderMessage(), StringComparison.Ordinal);
        Assert.True(line.Properties.ContainsKey("SpanId"));
        Assert.Contains("{TraceId}", WsisTrackerApp.LogTemplate, StringComparison.Ordinal);
        Assert.Contains("{SpanId}", WsisTrackerApp.LogTemplate, StringComparison.Ordinal);
    }

    /// <summary>An instance whose every request comes from <paramref name="address"/>, optionally with <c>Metrics:AllowedNetworks</c> set.</summary>
    private WebApplicationFactory<Program> From(IPAddress address, string? allowedNetwork = null) => app.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Database:MigrateOnStartup", "false");
        if (allowedNetwork is not null)
        {
            builder.UseSetting("Metrics:AllowedNetworks:0", allowedNetwork);
        }

        builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter>(_ => new FromAddress(address)));
    });

    private async Task<HttpClient> WriterAsync(WebApplicationFactory<Program> instance)
    {
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.CreateApiKeyAsync(Core.ApiKeys.ApiKeyRole.Secretariat));
        return client;
    }

    private sealed class FromAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(builder);
        };
    }
}
