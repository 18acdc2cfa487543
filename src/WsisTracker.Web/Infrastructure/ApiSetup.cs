using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.ApiKeys;
using WsisTracker.Web.Api;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// The REST API's own wiring: API-key authentication and its policies, rate limiting, the CSV formatter, problem
/// types for the client errors MVC produces, and the request body limit.
/// </summary>
public static class ApiSetup
{
    /// <summary>Writes: an Administrator or Secretariat API key, and nothing else (a staff session cookie does not count).</summary>
    public const string WritePolicy = "ApiWrite";

    /// <summary>Deleting reference data: an Administrator API key.</summary>
    public const string AdministratorPolicy = "ApiAdministrator";

    /// <summary>
    /// Creating a commitment: a writing key creates it, a Contributor key proposes one for its stakeholder
    /// (decision 081).
    /// </summary>
    public const string ProposePolicy = "ApiPropose";

    /// <summary>What only a Contributor key does: write its stakeholder's progress reports (decision 082).</summary>
    public const string ContributorPolicy = "ApiContributor";

    /// <summary>Reading progress reports: a Contributor key its own stakeholder's, a writing key all of them.</summary>
    public const string ReportReadPolicy = "ApiReportRead";

    public static void AddWsisTrackerApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(WritePolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireRole(nameof(ApiKeyRole.Administrator), nameof(ApiKeyRole.Secretariat)))
            .AddPolicy(AdministratorPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireRole(nameof(ApiKeyRole.Administrator)))
            .AddPolicy(ProposePolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireRole(nameof(ApiKeyRole.Administrator), nameof(ApiKeyRole.Secretariat), nameof(ApiKeyRole.Contributor)))
            .AddPolicy(ContributorPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireRole(nameof(ApiKeyRole.Contributor)))
            .AddPolicy(ReportReadPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireRole(nameof(ApiKeyRole.Administrator), nameof(ApiKeyRole.Secretariat), nameof(ApiKeyRole.Contributor)));

        services.AddRateLimits(builder.Configuration, builder.Configuration.GetConnectionString(WsisTrackerApp.ConnectionStringName) ?? "");
        services.Configure<MvcOptions>(options => options.OutputFormatters.Add(new CsvOutputFormatter()));
        services.PostConfigure<ProblemDetailsOptions>(options =>
        {
            var customize = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                customize?.Invoke(context);
                if (context.HttpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                    && context.ProblemDetails.Status is { } status && ClientErrors.TryGetValue(status, out var known)
                    && context.ProblemDetails.Type?.StartsWith(ApiProblems.TypePrefix, StringComparison.Ordinal) != true)
                {
                    context.ProblemDetails.Type = ApiProblems.TypePrefix + known.Code;
                    context.ProblemDetails.Title = known.Title;
                }
            };
        });
    }

    /// <summary>Stable problem types for the client errors that MVC and the status-code pages answer on their own.</summary>
    private static readonly Dictionary<int, (string Code, string Title)> ClientErrors = new()
    {
        [StatusCodes.Status404NotFound] = ("not-found", "Not found."),
        [StatusCodes.Status405MethodNotAllowed] = ("method-not-allowed", "Method not allowed."),
        [StatusCodes.Status406NotAcceptable] = ("not-acceptable", "Not acceptable."),
        [StatusCodes.Status413PayloadTooLarge] = ("payload-too-large", "Payload too large."),
        [StatusCodes.Status415UnsupportedMediaType] = ("unsupported-media-type", "Unsupported media type."),
    };

    /// <summary>
    /// Goes right after <c>UseRouting</c>: body limit and rate limits. Authentication and authorization follow in
    /// <c>UseSecretariat</c> (one pair for the staff cookie and the API key scheme).
    /// </summary>
    public static void UseWsisTrackerApi(this WebApplication app)
    {
        var maxBody = app.Configuration.GetValue("Api:MaxRequestBodyBytes", 256 * 1024L);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                if (context.Request.ContentLength > maxBody)
                {
                    await ApiProblems.WriteAsync(context, ApiProblems.Create(context, StatusCodes.Status413PayloadTooLarge, "payload-too-large", "Payload too large.",
                        $"A request body may have at most {maxBody} bytes."));
                    return;
                }

                if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                {
                    limit.MaxRequestBodySize = maxBody;
                }
            }

            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            {
                // A body without Content-Length that outgrows the limit while it is read.
                await ApiProblems.WriteAsync(context, ApiProblems.Create(context, StatusCodes.Status413PayloadTooLarge, "payload-too-large", "Payload too large.",
                    $"A request body may have at most {maxBody} bytes."));
            }
        });
        app.UseRateLimiter();
    }
}
