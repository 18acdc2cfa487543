using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using WsisTracker.Core.RateLimiting;

namespace WsisTracker.Web.Infrastructure;

/// <summary>The <c>RateLimiting</c> settings: requests per window, per API key and per client address, sign-in attempts and costly pages.</summary>
public sealed class RateLimitSettings
{
    public int PermitLimitPerKey { get; set; } = 600;

    public int PermitLimitPerAddress { get; set; } = 300;

    public int WindowSeconds { get; set; } = 60;

    public int SignInPermitLimitPerAddress { get; set; } = 10;

    public int SignInWindowSeconds { get; set; } = 60;

    /// <summary>Requests per client address to the costly anonymous pages (search, the list, the export, the feeds).</summary>
    public int PagePermitLimitPerAddress { get; set; } = 120;

    public int PageWindowSeconds { get; set; } = 60;

    /// <summary>
    /// Where the windows are counted: <see cref="RateLimitStore.Local"/> in each process, or
    /// <see cref="RateLimitStore.Shared"/> in PostgreSQL, one budget across every instance (decision 123).
    /// </summary>
    public RateLimitStore Store { get; set; } = RateLimitStore.Local;
}

/// <summary>The value of <c>RateLimiting:Store</c>.</summary>
public enum RateLimitStore
{
    /// <summary>In-process fixed windows: no database round trip; each instance has a budget of its own.</summary>
    Local,

    /// <summary>Fixed windows in the <c>rate_limit_windows</c> table: one budget across all instances, one upsert per limited request.</summary>
    Shared,
}

/// <summary>
/// Limits requests under <c>/api</c> per API key (the bearer token's hash, so even unknown keys are counted) and per
/// client address; sign-in attempts per client address (policy <see cref="SignIn"/>); and the costly anonymous pages
/// per client address (policy <see cref="CostlyPages"/>). All are fixed windows; a request needs a permit from each
/// limit that applies. The two policies are attached to the endpoints (<c>[EnableRateLimiting]</c> on the actions),
/// never to a path string, so <c>/account/login/</c> or <c>/ACCOUNT/LOGIN</c> counts as the same endpoint (decision
/// 049). A refusal is a 429 with <c>Retry-After</c>: a problem response in the API, a plain message for the sign-in
/// form, a plain HTML page for the other pages. The windows are counted in each process or, with
/// <c>RateLimiting:Store=Shared</c>, in PostgreSQL across every instance (<see cref="SharedWindowLimiter"/>, decision 123). Account lockout (5 failures) still guards each account; the sign-in
/// limit stops one address from trying many accounts.
/// </summary>
public static class RateLimits
{
    /// <summary>The policy of <c>POST /account/login</c>.</summary>
    public const string SignIn = "sign-in";

    /// <summary>The policy of the anonymous pages whose queries cost most: search, the list and its export, the feeds.</summary>
    public const string CostlyPages = "costly-pages";

    public static void AddRateLimits(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var settings = configuration.GetSection("RateLimiting").Get<RateLimitSettings>() ?? new RateLimitSettings();
        var window = TimeSpan.FromSeconds(Math.Max(1, settings.WindowSeconds));
        var signInWindow = TimeSpan.FromSeconds(Math.Max(1, settings.SignInWindowSeconds));
        var pageWindow = TimeSpan.FromSeconds(Math.Max(1, settings.PageWindowSeconds));
        var shared = settings.Store == RateLimitStore.Shared;
        services.AddSingleton(_ => new SharedRateLimitStore(connectionString));

        // One partition of a limit: an in-process fixed window, or the shared one in PostgreSQL under the limit's name.
        RateLimitPartition<string> Partition(HttpContext context, string limit, string key, int permits, TimeSpan length) => shared
            ? RateLimitPartition.Get($"{limit}:{key}", partition => new SharedWindowLimiter(
                context.RequestServices.GetRequiredService<SharedRateLimitStore>(),
                partition,
                Math.Max(1, permits),
                length,
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits))))
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(permits, length));

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsApi(context) && ApiKeyAuthenticationHandler.BearerToken(context.Request) is { } key
                        ? Partition(context, "api", "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))), settings.PermitLimitPerKey, window)
                        : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsApi(context)
                        ? Partition(context, "api", "address:" + Address(context), settings.PermitLimitPerAddress, window)
                        : RateLimitPartition.GetNoLimiter("")));
            options.AddPolicy(SignIn, context => Partition(context, SignIn, Address(context), settings.SignInPermitLimitPerAddress, signInWindow));
            options.AddPolicy(CostlyPages, context => Partition(context, CostlyPages, Address(context), settings.PagePermitLimitPerAddress, pageWindow));
            options.OnRejected = (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after
                    : policy switch { SignIn => signInWindow, CostlyPages => pageWindow, _ => window };
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits))
                    .LogWarning("Rate limit reached: {Method} {Path} from {Address}", context.Request.Method, context.Request.Path, Address(context));
                // A page's refusal is in the page's language (the culture middleware ran before this one).
                var text = IsApi(context) ? null : context.RequestServices.GetRequiredService<PageText>();
                if (text is not null && policy == SignIn)
                {
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    return new ValueTask(context.Response.WriteAsync(text["Too many sign-in attempts from this address. Try again in {0} second(s).", seconds], cancellationToken));
                }

                if (text is not null)
                {
                    static string Html(string value) => PageEncoder.Encode(value);
                    var culture = Cultures.Of(context);
                    context.Response.ContentType = "text/html; charset=utf-8";
                    return new ValueTask(context.Response.WriteAsync(
                        $"<!DOCTYPE html><html lang=\"{Html(PageText.Language)}\" dir=\"{(Cultures.IsRightToLeft(culture) ? "rtl" : "ltr")}\"><head><meta charset=\"utf-8\"><title>{Html(text["Too many requests"])} - WSIS Tracker</title></head>"
                        + $"<body><main><h1>{Html(text["Too many requests"])}</h1><p>{Html(text["Too many requests from this address. Try again in {0} second(s).", seconds])}</p><p><a href=\"{Html(context.Request.PathBase + "/")}\">{Html(text["Home"])}</a></p></main></body></html>",
                        cancellationToken));
                }

                var problem = ApiProblems.Create(context, StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests.", $"Slow down: try again in {seconds} second(s).");
                return new ValueTask(ApiProblems.WriteAsync(context, problem));
            };
        });
    }

    /// <summary>Encodes markup characters only: the refusal page's text is UTF-8 in every language.</summary>
    private static readonly HtmlEncoder PageEncoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true };
}
