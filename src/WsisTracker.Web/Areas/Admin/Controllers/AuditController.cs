using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Commitments;

namespace WsisTracker.Web.Areas.Admin.Controllers;

public sealed record AuditPage(PagedResult<AuditEntryModel> Entries, AuditFilter Filter, IReadOnlyList<string> EntityTypes);

/// <summary>The staff-only audit log: every write, who, when, before and after; filtered, newest first.</summary>
[Authorize(Roles = StaffRoles.Administrator)]
[Area("Admin")]
public sealed class AuditController(AuditLog log) : Controller
{
    [HttpGet("/admin/audit")]
    public async Task<IActionResult> IndexAsync([FromQuery] AuditFilter filter, int page = 1, CancellationToken cancellationToken = default)
    {
        var entries = await log.ListAsync(filter, page, cancellationToken);
        return entries.Succeeded
            ? View("Index", new AuditPage(entries.Value!, filter, await log.EntityTypesAsync(cancellationToken)))
            : BadRequest();
    }
}
