using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Data;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// Staff sign-in (ASP.NET Core Identity in PostgreSQL), the password and cookie policy, antiforgery on every page
/// form, and the workspace's services. Called once from <see cref="WsisTrackerApp"/>.
/// </summary>
public static class SecretariatSetup
{
    /// <summary>The staff sign-in cookie (a request carrying it never reads from a standby: <see cref="ReadReplica"/>).</summary>
    public const string StaffCookieName = "wsis.staff";

    /// <summary>
    /// Whether the request carries something that can make it someone's: a key (<c>Authorization</c>) or a staff
    /// sign-in cookie (also chunked, <c>wsis.staff</c>C1...). Known before authentication runs, so the output cache
    /// and the choice of a standby can go by it. A request without either is anonymous, whatever authentication finds.
    /// </summary>
    public static bool CarriesCredentials(HttpRequest request) =>
        request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Authorization)
        || request.Cookies.Keys.Any(name => name.StartsWith(StaffCookieName, StringComparison.Ordinal));

    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>The default of <c>Sessions:AbsoluteLifetime</c>: a session ends this long after sign-in, however active.</summary>
    public static readonly TimeSpan DefaultAbsoluteLifetime = TimeSpan.FromHours(8);

    /// <summary>The authentication property that records when the session began; renewals keep it.</summary>
    public const string SignedInAtItem = "wsis.signed-in-at";

    public static void AddSecretariat(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var absoluteLifetime = builder.Configuration.GetValue("Sessions:AbsoluteLifetime", DefaultAbsoluteLifetime);
        if (absoluteLifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Sessions:AbsoluteLifetime must be a positive time span (hh:mm:ss), not {absoluteLifetime}.");
        }

        // Outside Development every cookie is Secure, whatever the scheme of the request (a proxy may end TLS); a page
        // that sets one over plain HTTP fails loudly instead of sending it in clear (SecuritySetup.RequiresHttps).
        var cookieSecurity = SecuritySetup.RequiresHttps(builder.Configuration, builder.Environment) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.AddIdentity<StaffUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequiredUniqueChars = 1;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                // Wrong passwords are counted by SignInDelays (a growing delay, decision 046), not by Identity's
                // fixed lockout; the lockout columns carry its waits and a disabled account's lock.
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<WsisTrackerDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordRules>();
        services.Configure<PasswordHasherOptions>(options =>
        {
            options.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            options.IterationCount = PasswordRules.HashIterations;
        });
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = StaffCookieName;

            // The culture prefix is the PathBase (docs/languages.md), and cookies default to the PathBase: a session
            // begun or renewed on /fr/... must hold for every language.
            options.Cookie.Path = "/";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = cookieSecurity;
            options.ExpireTimeSpan = IdleTimeout;
            options.SlidingExpiration = true;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/denied";
            options.Events.OnSigningIn = context =>
            {
                context.Properties.Items.TryAdd(SignedInAtItem, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                return Task.CompletedTask;
            };
            options.Events.OnValidatePrincipal = context => StaffSessions.ValidateAsync(context, absoluteLifetime);
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecretariatSetup))
                    .LogWarning("Access denied to {User} for {Method} {Path}", context.HttpContext.User.Identity?.Name, context.Request.Method, context.Request.Path);
                return RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            };
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options => options.Cookie.Path = "/");
        services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(options =>
        {
            options.Cookie.Name = "wsis.antiforgery";
            options.Cookie.Path = "/";
            options.Cookie.SecurePolicy = cookieSecurity;
        });
        services.Configure<MvcOptions>(options => options.Conventions.Add(new PageFormsAntiforgery()));
    }

    /// <summary>Runs after routing: authentication, then who is acting, then authorization.</summary>
    public static void UseSecretariat(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            if (context.User.Identity is { IsAuthenticated: true, Name: { } name })
            {
                context.RequestServices.GetRequiredService<ActorContext>().Set(name, ActorKind.User);
            }

            await next(context);
        });
        app.Use(RequireTwoFactorAsync);
        app.UseAuthorization();
    }

    /// <summary>
    /// An administrator whose session has not passed a second factor reaches no workspace or admin page: they are
    /// sent to set up two-factor sign-in first (<see cref="Controllers.TwoFactorController"/>).
    /// </summary>
    private static Task RequireTwoFactorAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if ((path.StartsWithSegments("/workspace") || path.StartsWithSegments("/admin"))
            && context.User.Identity?.IsAuthenticated == true
            && context.User.Claims.Any(c => c.Type == System.Security.Claims.ClaimTypes.Role && StaffRoles.RequiresTwoFactor(c.Value))
            && !context.User.HasClaim(Controllers.TwoFactorController.MfaClaimType, Controllers.TwoFactorController.MfaClaimValue))
        {
            context.Response.Redirect($"/account/two-factor?returnUrl={Uri.EscapeDataString(path + context.Request.QueryString)}");
            return Task.CompletedTask;
        }

        return next(context);
    }

    /// <summary>The JSON API answers 401/403; pages redirect to the sign-in or access-denied page.</summary>
    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Antiforgery validation on every unsafe request to a page controller. <c>[ApiController]</c> controllers are
    /// left out: the JSON API authenticates its writes with bearer keys, which a cross-site form cannot send. So is a
    /// controller marked <c>[IgnoreAntiforgeryToken]</c> (the error handler, which re-executes a failed request with
    /// its method: validating a token there turned every failed POST into an empty 400).
    /// </summary>
    private sealed class PageFormsAntiforgery : IControllerModelConvention
    {
        public void Apply(ControllerModel controller)
        {
            if (!controller.Attributes.OfType<ApiControllerAttribute>().Any() && !controller.ControllerType.IsDefined(typeof(ApiControllerAttribute), inherit: true)
                && !controller.ControllerType.IsDefined(typeof(IgnoreAntiforgeryTokenAttribute), inherit: true))
            {
                controller.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
            }
        }
    }
}
