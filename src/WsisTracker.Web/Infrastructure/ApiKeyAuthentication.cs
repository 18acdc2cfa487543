using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using WsisTracker.Core.ApiKeys;
using WsisTracker.Core.Auditing;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> against the stored key hashes. Only the API's write
/// endpoints name this scheme, so no other sign-in (a staff session cookie) ever authorises an API write. A known,
/// live key becomes the actor of the request (<c>api-key:&lt;name&gt;</c>) for the audit trail and progress authors.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys,
    ActorContext actor,
    SecuritySetup.TransportPolicy transport)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "wsis:api-key-id";

    /// <summary>The stakeholder a Contributor key acts for (decision 082).</summary>
    public const string StakeholderClaim = "wsis:stakeholder-id";

    /// <summary>The stakeholder the request's Contributor key acts for, or null for any other caller.</summary>
    public static int? StakeholderOf(ClaimsPrincipal user) =>
        user.Identity?.AuthenticationType == SchemeName && user.FindFirst(StakeholderClaim)?.Value is { } value
            ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>
    /// The API key of a request to a public read, when it sends a live one: such reads run no authentication of their
    /// own, and a missing, unknown or revoked key reads as anonymous.
    /// </summary>
    public static async Task<ClaimsPrincipal?> OptionalKeyAsync(HttpContext context)
    {
        if (BearerToken(context.Request) is null)
        {
            return null;
        }

        var result = await context.AuthenticateAsync(SchemeName);
        return result.Succeeded ? result.Principal : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request) is not { } key)
        {
            return AuthenticateResult.NoResult();
        }

        if (OverPlainHttp)
        {
            // The key has crossed the network in clear: it is refused without being looked up, and its owner should revoke it.
            Logger.LogWarning("API key sent over plain HTTP refused for {Method} {Path} from {Address}", Request.Method, Request.Path, Context.Connection.RemoteIpAddress);
            return AuthenticateResult.Fail("API keys are accepted only over HTTPS.");
        }

        var apiKey = await keys.AuthenticateAsync(key, Context.RequestAborted);
        if (apiKey is null)
        {
            Logger.LogWarning("API key refused (unknown or revoked) for {Method} {Path} from {Address}", Request.Method, Request.Path, Context.Connection.RemoteIpAddress);
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        actor.Set($"api-key:{apiKey.Name}", ActorKind.ApiKey);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, apiKey.Name),
                new Claim(ClaimTypes.Role, apiKey.Role.ToString()),
                new Claim(KeyIdClaim, apiKey.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            SchemeName);
        if (apiKey.StakeholderId is { } stakeholderId)
        {
            identity.AddClaim(new Claim(StakeholderClaim, stakeholderId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (BearerToken(Request) is not null && OverPlainHttp)
        {
            return ApiProblems.WriteAsync(Context, ApiProblems.Create(Context, StatusCodes.Status403Forbidden, "https-required", "HTTPS required.", "API keys are accepted only over HTTPS. This key has been sent in clear: revoke it and use a new one over HTTPS."));
        }

        Response.Headers.WWWAuthenticate = "Bearer realm=\"wsis-tracker\"";
        var problem = BearerToken(Request) is null
            ? ApiProblems.Create(Context, StatusCodes.Status401Unauthorized, "api-key-required", "Authentication required.", "Send an API key as 'Authorization: Bearer <key>' to write.")
            : ApiProblems.Create(Context, StatusCodes.Status401Unauthorized, "api-key-invalid", "Authentication failed.", "The API key is unknown or revoked.");
        return ApiProblems.WriteAsync(Context, problem);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Logger.LogWarning("API key {Name} forbidden for {Method} {Path}", Context.User.Identity?.Name, Request.Method, Request.Path);
        return ApiProblems.WriteAsync(Context, ApiProblems.Create(Context, StatusCodes.Status403Forbidden, "forbidden", "Forbidden.", "This API key's role may not do this."));
    }

    private bool OverPlainHttp => transport.ApiKeysNeedHttps && !Request.IsHttps;

    /// <summary>The key of an <c>Authorization: Bearer</c> header, or null when there is none.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header[7..].Trim() is { Length: > 0 } key ? key : null;
    }
}
