using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// Response headers, forwarded headers and HTTPS redirection: the transport-level protections every response gets.
/// </summary>
public static class SecuritySetup
{
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>No inline script or style anywhere, no framing, nothing from another origin.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Swagger UI ships an inline style block and inline bootstrap; only its own pages get that allowance, never the app's.
    /// </summary>
    public const string SwaggerContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void AddWsisTrackerSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            var hops = options.KnownProxies.Count + (options.KnownIPNetworks.Count > 0 ? 1 : 0);
            options.ForwardLimit = hops == 0 ? 0 : hops;
        });
        services.AddSingleton(RequiresHttps(configuration, environment) ? new TransportPolicy(true) : new TransportPolicy(false));
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
    }

    /// <summary>
    /// Forwarded headers are honoured only from the proxies listed in <c>ForwardedHeaders:KnownProxies</c>; pages are
    /// redirected to HTTPS (when an HTTPS port is known), the API never is (a redirect would turn writes into GETs).
    /// </summary>
    public static void UseWsisTrackerSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use(AddHeadersAsync);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/health")
                && !context.Request.Path.StartsWithSegments(TelemetrySetup.MetricsPath),
            branch => branch.UseHttpsRedirection());
    }

    /// <summary>
    /// Sets the headers when the response starts, so that they survive the exception handler clearing a failed
    /// response. The correlation id is the request's trace id, which <see cref="TraceIdEnricher"/> writes into every log
    /// line of the request (as <c>TraceId</c> and <c>CorrelationId</c>), so nothing is pushed onto the log context here.
    /// </summary>
    private static Task AddHeadersAsync(HttpContext context, Func<Task> next)
    {
        context.Items[CorrelationHeader] = Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
        context.Response.OnStarting(SetHeaders, context);
        return next();
    }

    // One static callback with the context as its state: no closure per request.
    private static readonly Func<object, Task> SetHeaders = state =>
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/swagger") ? SwaggerContentSecurityPolicy : ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.XXSSProtection = "0";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers[CorrelationHeader] = CorrelationId(context);
        return Task.CompletedTask;
    };

    /// <summary>
    /// Whether the app insists on HTTPS (decision 048): cookies always <c>Secure</c>, and an API key sent over plain
    /// HTTP refused. Always outside Development, unless <c>Security:AllowPlainHttp</c> is set for a run bound to
    /// loopback only (the browser tests, benchmarks, the backup check). A request that came through a proxy in
    /// <c>ForwardedHeaders:KnownProxies</c>/<c>KnownNetworks</c> counts as HTTPS when the proxy says so
    /// (<c>X-Forwarded-Proto</c>).
    /// </summary>
    public static bool RequiresHttps(IConfiguration configuration, IHostEnvironment environment) =>
        !environment.IsDevelopment() && !configuration.GetValue("Security:AllowPlainHttp", false);

    public sealed record TransportPolicy(bool ApiKeysNeedHttps);

    public static string CorrelationId(HttpContext context) =>
        context.Items[CorrelationHeader] as string ?? context.TraceIdentifier;
}
