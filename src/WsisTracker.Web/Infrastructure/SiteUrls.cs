namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// Where absolute links (Atom feeds, the CSV export's <c>url</c> column) point: <c>App:BaseUrl</c> when it is set,
/// whatever host the request names; else the request's own scheme, host and path base, which only
/// <c>AllowedHosts</c> restricts (decision 060). Outside Development, with neither set, every start logs
/// <see cref="HostHeaderWarning"/>.
/// </summary>
public sealed class SiteUrls
{
    public const string HostHeaderWarning =
        "App:BaseUrl is not set and AllowedHosts is '*': links in feeds and the CSV export are built from the request's Host header, which any client chooses. Set App:BaseUrl (or AllowedHosts) (docs/operations.md).";

    private readonly string? _baseUrl;

    private SiteUrls(string? baseUrl) => _baseUrl = baseUrl;

    /// <summary>The configured base URL, without a trailing slash, or null to use each request's host.</summary>
    public string? Configured => _baseUrl;

    /// <summary>The site's absolute base URL for links in the answer to <paramref name="request"/>, without a trailing slash.</summary>
    public string BaseOf(HttpRequest request) =>
        _baseUrl ?? $"{request.Scheme}://{request.Host}{request.PathBase}";

    public static void AddSiteUrls(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["App:BaseUrl"];
        string? baseUrl = null;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            {
                throw new InvalidOperationException($"App:BaseUrl must be an absolute http(s) URL without query, fragment or user name, such as https://wsis.example.org, not '{configured}'.");
            }

            baseUrl = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }

        services.AddSingleton(new SiteUrls(baseUrl));
        var allowedHosts = configuration["AllowedHosts"];
        if (baseUrl is null && !environment.IsDevelopment() && (string.IsNullOrWhiteSpace(allowedHosts) || allowedHosts.Trim() == "*"))
        {
            services.AddHostedService<HostHeaderLinksWarning>();
        }
    }

    private sealed class HostHeaderLinksWarning(ILogger<HostHeaderLinksWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning(HostHeaderWarning);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
