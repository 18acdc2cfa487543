using System.Diagnostics;
using System.Net;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog.Core;
using Serilog.Events;
using WsisTracker.Core.Common;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// OpenTelemetry (decision 124): metrics of ASP.NET Core (request durations), HttpClient, Npgsql (command durations)
/// and the app's own meter (<see cref="WsisMetrics"/>: caches, outbox, idempotency), scraped by Prometheus at
/// <see cref="MetricsPath"/> only from the networks in <c>Metrics:AllowedNetworks</c> (loopback unless set);
/// everyone else gets the 404 of a path that does not exist. With an OTLP endpoint
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>Telemetry:OtlpEndpoint</c>) metrics and traces (ASP.NET Core, HttpClient,
/// Npgsql) are also pushed there. Every log line carries the request's trace and span ids (<see cref="TraceIdEnricher"/>).
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    public const string ServiceName = "wsis-tracker";

    /// <summary>Who may scrape when <c>Metrics:AllowedNetworks</c> is not set: this machine only.</summary>
    public static readonly IReadOnlyList<string> DefaultAllowedNetworks = ["127.0.0.0/8", "::1/128"];

    /// <summary>Requests (durations, in flight), Kestrel's connections, unhandled exceptions and rate-limit decisions.</summary>
    private static readonly string[] AspNetCoreMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting"];

    /// <summary>
    /// Instruments of those meters and of Npgsql's that record several times a request or a command and answer no
    /// question of operations.md (decision 134): a rate-limit lease's duration and the leases held (the decisions
    /// stay, in <c>aspnetcore.rate_limiting.requests</c>); the commands executing, the bytes written and read, and the
    /// prepared ratio (the command durations and the pool's gauges stay).
    /// </summary>
    private static readonly string[] DroppedInstruments =
    [
        "aspnetcore.rate_limiting.request_lease.duration",
        "aspnetcore.rate_limiting.active_request_leases",
        "db.client.operation.npgsql.executing",
        "db.client.operation.npgsql.bytes_written",
        "db.client.operation.npgsql.bytes_read",
        "db.client.operation.npgsql.prepared_ratio",
    ];

    public static void AddWsisTrackerTelemetry(this WebApplicationBuilder builder)
    {
        var networks = MetricsAccess.Parse(builder.Configuration.GetSection("Metrics:AllowedNetworks").Get<string[]>() ?? [.. DefaultAllowedNetworks]);
        builder.Services.AddSingleton(networks);
        var otlp = OtlpEndpoint(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                // The ASP.NET Core meters operations reads (decision 134), not every one the instrumentation
                // enables: the memory pool's, routing's and authentication's record on every request (the pool's on
                // every buffer) and nobody reads them.
                metrics
                    .AddMeter(AspNetCoreMeters)
                    .AddHttpClientInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter(WsisMetrics.MeterName)
                    .AddPrometheusExporter();
                foreach (var instrument in DroppedInstruments)
                {
                    metrics.AddView(instrument, MetricStreamConfiguration.Drop);
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(options => options.Endpoint = otlp);
                }
            });
        if (otlp is not null)
        {
            // Spans only when someone collects them; the trace ids in the logs need none (ASP.NET Core starts an activity per request).
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(options => options.Endpoint = otlp));
        }
    }

    /// <summary>Serves <see cref="MetricsPath"/> to the allowed networks; call it early, before request logging.</summary>
    public static void UseWsisTrackerMetrics(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<MetricsAccess>();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase) && access.Allows(context));
    }

    private static Uri? OtlpEndpoint(IConfiguration configuration) =>
        (configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] ?? configuration["Telemetry:OtlpEndpoint"]) is { Length: > 0 } endpoint
            ? Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri : throw new InvalidOperationException($"The OTLP endpoint '{endpoint}' is not an absolute URI.")
            : null;
}

/// <summary>
/// The networks allowed to scrape <c>/metrics</c>. The client's address is the connection's, or the one the forwarded
/// headers of a known proxy name (decision 049); a request still carrying <c>X-Forwarded-For</c> came through a proxy
/// the app does not trust, so its connection address (that proxy's, often loopback) says nothing and it is refused.
/// </summary>
public sealed class MetricsAccess(IReadOnlyList<IPNetwork> networks)
{
    public IReadOnlyList<IPNetwork> Networks { get; } = networks;

    public static MetricsAccess Parse(IEnumerable<string> cidrs) =>
        new([.. cidrs.Select(cidr => IPNetwork.TryParse(cidr.Trim(), out var network)
            ? network
            : throw new InvalidOperationException($"Metrics:AllowedNetworks: '{cidr}' is not a network in CIDR notation (such as 10.0.0.0/8)."))]);

    public bool Allows(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Connection.RemoteIpAddress is not { } address)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return Networks.Any(network => network.Contains(address));
    }
}

/// <summary>Adds <c>TraceId</c> (also as <c>CorrelationId</c>) and <c>SpanId</c> (W3C, hex) of the current activity to every log event, for the output template and any sink.</summary>
public sealed class TraceIdEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        var traceId = logEvent.TraceId?.ToHexString() ?? Activity.Current?.TraceId.ToHexString();
        var spanId = logEvent.SpanId?.ToHexString() ?? Activity.Current?.SpanId.ToHexString();
        if (traceId is not null)
        {
            var id = propertyFactory.CreateProperty("TraceId", traceId);
            logEvent.AddPropertyIfAbsent(id);
            // The correlation id of the response's X-Correlation-Id header is the trace id (SecuritySetup).
            logEvent.AddPropertyIfAbsent(new LogEventProperty("CorrelationId", id.Value));
        }

        if (spanId is not null)
        {
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("SpanId", spanId));
        }
    }
}
