using System.Security.Claims;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Reports;

namespace WsisTracker.Web.Infrastructure;

/// <summary>The <see cref="ReportPrincipal"/> of a signed-in staff user, for every page that calls <see cref="ProgressReportService"/>.</summary>
public static class ReportPrincipals
{
    public static async Task<ReportPrincipal> ForAsync(this ContributorScope scope, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in user has an id.");
        return await scope.ForUserAsync(userId, StaffRoles.All.FirstOrDefault(user.IsInRole), cancellationToken);
    }
}
