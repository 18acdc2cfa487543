using System.Collections.Frozen;
using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// The six official UN languages of the pages, each under a URL prefix (<c>/fr/...</c>) except English, which keeps
/// the unprefixed URLs (decision 115). The prefix is moved into <c>PathBase</c>, so routing, <c>~/</c> links and
/// redirects built from the path base carry it without knowing about it.
/// </summary>
public static class Cultures
{
    public const string English = "en";

    /// <summary>The pseudo-locale (Development and tests only) that marks every resource string (docs/languages.md).</summary>
    public const string Pseudo = "qps-ploc";

    public const string PseudoPrefix = "qps";

    /// <summary>Where a page starts and ends a string that came from the resources, in the pseudo-locale.</summary>
    public const char PseudoStart = '⟦';

    public const char PseudoEnd = '⟧';

    public const string CookieName = ".WsisTracker.Culture";

    /// <summary>The published cultures in the order the language switcher lists them, with their names in themselves.</summary>
    public static readonly IReadOnlyList<(string Name, string Autonym)> Published =
    [
        ("ar", "العربية"), ("zh", "中文"), ("en", "English"), ("fr", "Français"), ("ru", "Русский"), ("es", "Español"),
    ];

    private const string CultureItem = "wsis.culture";
    private const string OriginalPathBaseItem = "wsis.path-base";

    public static bool IsRightToLeft(string culture) => culture == "ar";

    /// <summary>The name of a published culture in itself ("Français"), as the language switcher says it.</summary>
    public static string Autonym(string culture) => Published.First(c => c.Name == culture).Autonym;

    /// <summary>Whether the pseudo-locale is served: <c>Localization:PseudoLocale</c>, on by default in Development.</summary>
    public static bool PseudoEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue("Localization:PseudoLocale", environment.IsDevelopment());

    /// <summary>The culture of this request's page ("en" when it has no prefix).</summary>
    public static string Of(HttpContext context) => context.Items[CultureItem] as string ?? English;

    /// <summary>The path base before the culture prefix: where the English pages live.</summary>
    public static PathString RootOf(HttpContext context) =>
        context.Items[OriginalPathBaseItem] is PathString root ? root : context.Request.PathBase;

    /// <summary>The address of this page in <paramref name="culture"/>: same path and query, that culture's prefix.</summary>
    public static string PageIn(HttpContext context, string culture)
    {
        var prefix = culture == English ? "" : "/" + (culture == Pseudo ? PseudoPrefix : culture);
        return $"{RootOf(context)}{prefix}{context.Request.Path}{context.Request.QueryString}";
    }

    public static void AddCultures(this WebApplicationBuilder builder)
    {
        var pseudo = PseudoEnabled(builder.Configuration, builder.Environment);
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        if (pseudo)
        {
            builder.Services.AddSingleton<ResourceManagerStringLocalizerFactory>();
            builder.Services.AddSingleton<IStringLocalizerFactory>(services =>
                new PseudoLocalizerFactory(services.GetRequiredService<ResourceManagerStringLocalizerFactory>()));
        }

        builder.Services.AddScoped<PageText>();
        builder.Services.AddScoped<Api.DisplayNames>();
        // Only the URL chooses the culture of a page; Accept-Language and the cookie only choose where "/" sends a
        // first-time reader (UseCultures), which sets the request's culture itself from these read-only instances
        // (RequestLocalizationMiddleware made a read-only copy of the culture on every request).
        var cultures = Published.Select(c => c.Name).Append(pseudo ? Pseudo : English).Distinct()
            .ToFrozenDictionary(name => name, name => new RequestCulture(CultureInfo.ReadOnly(new CultureInfo(name))));
        builder.Services.AddSingleton(new RequestCultures(cultures));
    }

    /// <summary>
    /// Moves a culture prefix into the path base; sends a reader arriving at "/" to the language they chose before
    /// (the cookie) or, the first time, to the best of their <c>Accept-Language</c>; remembers the choice.
    /// </summary>
    public static void UseCultures(this WebApplication app)
    {
        var pseudo = PseudoEnabled(app.Configuration, app.Environment);
        var cultures = app.Services.GetRequiredService<RequestCultures>();
        // English is the culture a request starts in, so an English request sets no culture of its own (each set is a
        // copy of the execution context).
        var english = cultures.Of(English);
        CultureInfo.DefaultThreadCurrentCulture = english.Culture;
        CultureInfo.DefaultThreadCurrentUICulture = english.UICulture;
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var culture = English;
            var segment = FirstSegment(request.Path);
            if (segment is not null && (Published.Any(c => c.Name == segment && c.Name != English) || (pseudo && segment == PseudoPrefix)))
            {
                culture = segment == PseudoPrefix ? Pseudo : segment;
                context.Items[OriginalPathBaseItem] = request.PathBase;
                request.PathBase = request.PathBase.Add("/" + segment);
                var rest = request.Path.Value![(segment.Length + 1)..];
                request.Path = rest.Length == 0 ? "/" : rest;
            }

            context.Items[CultureItem] = culture;
            var chosen = request.Cookies[CookieName];
            if (culture == English && request.Path == "/" && HttpMethods.IsGet(request.Method))
            {
                context.Response.Headers.Append(HeaderNames.Vary, "Accept-Language, Cookie");
                if (request.Query["lang"] == English)
                {
                    Remember(context, English, chosen);
                }
                else if ((chosen is not null ? Known(chosen) : Preferred(request)) is { } preferred && preferred != English)
                {
                    context.Response.Redirect($"{request.PathBase}/{preferred}/{request.QueryString}");
                    return;
                }
            }
            else if (culture != Pseudo && (culture != English || chosen is not null))
            {
                Remember(context, culture, chosen);
            }

            var requestCulture = cultures.Of(culture);
            context.Features.Set(cultures.FeatureOf(culture));
            if (!ReferenceEquals(CultureInfo.CurrentCulture, requestCulture.Culture))
            {
                CultureInfo.CurrentCulture = requestCulture.Culture;
            }

            if (!ReferenceEquals(CultureInfo.CurrentUICulture, requestCulture.UICulture))
            {
                CultureInfo.CurrentUICulture = requestCulture.UICulture;
            }

            await next(context);
        });
    }

    /// <summary>The request culture of each culture the URL can name.</summary>
    private sealed class RequestCultures(FrozenDictionary<string, RequestCulture> cultures)
    {
        private readonly FrozenDictionary<string, IRequestCultureFeature> _features =
            cultures.ToFrozenDictionary(pair => pair.Key, pair => (IRequestCultureFeature)new RequestCultureFeature(pair.Value, provider: null));

        public RequestCulture Of(string name) => cultures[name];

        /// <summary>The request's culture feature (immutable, so one instance per culture serves every request).</summary>
        public IRequestCultureFeature FeatureOf(string name) => _features[name];
    }

    private static void Remember(HttpContext context, string culture, string? chosen)
    {
        if (chosen != culture)
        {
            context.Response.Cookies.Append(CookieName, culture, new CookieOptions
            {
                HttpOnly = true,
                SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
        }
    }

    private static string? Known(string culture) => Published.Any(c => c.Name == culture) ? culture : null;

    /// <summary>The best of the request's <c>Accept-Language</c> among the six languages, or null when none matches.</summary>
    public static string? Preferred(HttpRequest request)
    {
        var header = request.GetTypedHeaders().AcceptLanguage;
        foreach (var value in header.OrderByDescending(v => v.Quality ?? 1))
        {
            var tag = value.Value.Value;
            if (tag is null || value.Quality == 0)
            {
                continue;
            }

            var language = tag.Split('-')[0].ToLowerInvariant();
            if (Known(language) is { } known)
            {
                return known;
            }
        }

        return null;
    }

    private static string? FirstSegment(PathString path)
    {
        var value = path.Value;
        if (string.IsNullOrEmpty(value) || value.Length < 2)
        {
            return null;
        }

        var end = value.IndexOf('/', 1);
        return end < 0 ? value[1..] : value[1..end];
    }
}
