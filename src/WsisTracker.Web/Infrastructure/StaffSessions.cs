using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WsisTracker.Core.Accounts;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// Checks a staff cookie on every request (decision 047): the session is refused once it is older than
/// <c>Sessions:AbsoluteLifetime</c> (sliding renewal keeps the time it began), and once the account's security stamp
/// no longer matches the one the cookie carries. Sign-out, a password reset, a role change and disabling all change
/// the stamp, so a copied cookie stops working at once on every instance. One indexed query per signed-in request.
/// </summary>
public static class StaffSessions
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context, TimeSpan absoluteLifetime)
    {
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        var began = context.Properties.Items.TryGetValue(SecretariatSetup.SignedInAtItem, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : (DateTimeOffset?)null;

        string? reason = null;
        if (began is null || now - began.Value > absoluteLifetime)
        {
            reason = "its absolute lifetime has passed";
        }
        else if (userId is null || stamp is null
            || await services.GetRequiredService<StaffAccounts>().SecurityStampAsync(userId, context.HttpContext.RequestAborted) != stamp)
        {
            reason = "it was ended (sign-out, new password, role change or disabled account)";
        }

        if (reason is not null)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaffSessions))
                .LogWarning("Staff session of {User} refused: {Reason}", context.Principal?.Identity?.Name, reason);
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
