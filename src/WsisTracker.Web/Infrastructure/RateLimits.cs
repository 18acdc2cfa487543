using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace WsisTracker.Web.Infrastructure;

/// <summary>The <c>RateLimiting</c> settings: requests per window, per API key and per client address, and sign-in attempts.</summary>
public sealed class RateLimitSettings
{
    public int PermitLimitPerKey { get; set; } = 600;

    public int PermitLimitPerAddress { get; set; } = 300;

    public int WindowSeconds { get; set; } = 60;

    public int SignInPermitLimitPerAddress { get; set; } = 10;

    public int SignInWindowSeconds { get; set; } = 60;
}

/// <summary>
/// Limits requests under <c>/api</c> per API key (the bearer token's hash, so even unknown keys are counted) and per
/// client address, and sign-in attempts (<c>POST /account/login</c>) per client address, all fixed windows; a request
/// needs a permit from each limit that applies. A refusal is a 429 with <c>Retry-After</c>: a problem response in the
/// API, a plain message for the sign-in form. Account lockout (5 failures) still guards each account; this limit stops
/// one address from trying many accounts.
/// </summary>
public static class RateLimits
{
    public static void AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimiting").Get<RateLimitSettings>() ?? new RateLimitSettings();
        var window = TimeSpan.FromSeconds(Math.Max(1, settings.WindowSeconds));
        var signInWindow = TimeSpan.FromSeconds(Math.Max(1, settings.SignInWindowSeconds));
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
                        ? RateLimitPartition.GetFixedWindowLimiter("address:" + Address(context), _ => Window(settings.PermitLimitPerAddress, window))
                        : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsSignIn(context)
                        ? RateLimitPartition.GetFixedWindowLimiter("sign-in:" + Address(context), _ => Window(settings.SignInPermitLimitPerAddress, signInWindow))
                        : RateLimitPartition.GetNoLimiter("")));
            options.OnRejected = (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : IsSignIn(context) ? signInWindow : window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits))
                    .LogWarning("Rate limit reached: {Method} {Path} from {Address}", context.Request.Method, context.Request.Path, Address(context));
                if (!IsApi(context))
                {
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    return new ValueTask(context.Response.WriteAsync($"Too many sign-in attempts from this address. Try again in {seconds} second(s).", cancellationToken));
                }

                var problem = ApiProblems.Create(context, StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests.", $"Slow down: try again in {seconds} second(s).");
                return new ValueTask(ApiProblems.WriteAsync(context, problem));
            };
        });
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static bool IsSignIn(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/account/login", StringComparison.OrdinalIgnoreCase);

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true };
}
