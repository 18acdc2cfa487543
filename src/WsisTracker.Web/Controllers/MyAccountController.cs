using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Accounts;
using WsisTracker.Web.Areas.Workspace.Controllers;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Controllers;

public sealed record RemindersForm
{
    public bool ReceivesReminders { get; init; }
}

public sealed record MyAccountPage(OwnAccountModel Account);

/// <summary>A signed-in person's own account page (<c>/account</c>): who they are, and whether they get reminders by e-mail.</summary>
[Authorize]
public sealed class MyAccountController(ReminderPreferences preferences, UserManager<StaffUser> users, PageText text) : Controller
{
    public const string Path = "/account";

    [HttpGet(Path)]
    public async Task<IActionResult> ShowAsync()
    {
        var account = await preferences.GetAsync(users.GetUserId(User)!);
        return account.Succeeded
            ? View("Show", new MyAccountPage(account.Value!))
            : NotFound();
    }

    [HttpPost(Path + "/reminders")]
    public async Task<IActionResult> SetRemindersAsync(RemindersForm form)
    {
        var saved = await preferences.SetAsync(users.GetUserId(User)!, form.ReceivesReminders);
        if (!saved.Succeeded)
        {
            return NotFound();
        }

        TempData[WorkspaceControllerBase.NoticeKey] = saved.Value!.ReceivesReminders
            ? text["Reminders by e-mail are on."]
            : text["Reminders by e-mail are off: no new reminder will be written to you."];
        return Redirect(Url.Content("~" + Path));
    }
}
