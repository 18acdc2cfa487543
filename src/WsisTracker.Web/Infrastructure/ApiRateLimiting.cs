using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace WsisTracker.Web.Infrastructure;

/// <summary>The <c>RateLimiting</c> settings: requests per window, per API key and per client address.</summary>
public sealed class RateLimitSettings
{
    public int PermitLimitPerKey { get; set; } = 600;

    public int PermitLimitPerAddress { get; set; } = 300;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Limits requests under <c>/api</c> per API key (the bearer token's hash, so even unknown keys are counted) and per
/// client address, both fixed windows; a request needs a permit from both. A refusal is a 429 problem with
/// <c>Retry-After</c>.
/// </summary>
public static class ApiRateLimiting
{
    public static void AddApiRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimiting").Get<RateLimitSettings>() ?? new RateLimitSettings();
        var window = TimeSpan.FromSeconds(Math.Max(1, settings.WindowSeconds));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsApi(context) && ApiKeyAuthenticationHandler.BearerToken(context.Request) is { } key
                        ? RateLimitPartition.GetFixedWindowLimiter("key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))), _ => Window(settings.PermitLimitPerKey, window))
                        : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsApi(context)
                        ? RateLimitPartition.GetFixedWindowLimiter("address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => Window(settings.PermitLimitPerAddress, window))
                        : RateLimitPartition.GetNoLimiter("")));
            options.OnRejected = (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var problem = ApiProblems.Create(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests.", $"Slow down: try again in {seconds} second(s).");
                return new ValueTask(ApiProblems.WriteAsync(rejected.HttpContext, problem));
            };
        });
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true };
}
