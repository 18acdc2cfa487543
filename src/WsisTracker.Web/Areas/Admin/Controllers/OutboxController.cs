using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Email;
using WsisTracker.Web.Areas.Workspace.Controllers;

namespace WsisTracker.Web.Areas.Admin.Controllers;

public sealed record OutboxPage(OutboxOverview Overview, bool SmtpConfigured);

/// <summary>Administrators see the e-mail outbox (what waits, what was sent, what failed and why) and retry a message.</summary>
[Authorize(Roles = StaffRoles.Administrator)]
[Area("Admin")]
public sealed class OutboxController(OutboxAdmin outbox, EmailSettings settings) : WorkspaceControllerBase
{
    [HttpGet("/admin/outbox")]
    public async Task<IActionResult> IndexAsync(OutboxState? state, int page = 1, CancellationToken cancellationToken = default)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var overview = await outbox.ListAsync(state, page, cancellationToken);
        return overview.Succeeded ? View("Index", new OutboxPage(overview.Value!, settings.SmtpConfigured)) : BadRequest();
    }

    [HttpPost("/admin/outbox/{id:long}/retry")]
    public async Task<IActionResult> RetryAsync(long id, CancellationToken cancellationToken)
    {
        var retried = await outbox.RetryAsync(id, cancellationToken);
        if (retried.Error is { Kind: Core.Common.ErrorKind.NotFound })
        {
            return NotFound();
        }

        Notice(retried.Succeeded ? Text["Message {0} will be sent at the next round.", id] : Text[retried.Error!.Message]);
        return RedirectWithin("/admin/outbox");
    }
}
