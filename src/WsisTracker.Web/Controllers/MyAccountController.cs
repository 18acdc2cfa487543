using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Common;
using WsisTracker.Web.Areas.Workspace.Controllers;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Controllers;

public sealed record RemindersForm
{
    public bool ReceivesReminders { get; init; }
}

public sealed record LanguageForm
{
    public string? Culture { get; init; }
}

/// <summary>The account page; <see cref="Language"/> is the language form sent back with its error, when it had one.</summary>
public sealed record MyAccountPage(OwnAccountModel Account, LanguageForm? Language = null);

/// <summary>
/// A signed-in person's own account page (<c>/account</c>): who they are, whether they get reminders by e-mail, and
/// the language those e-mails are written in.
/// </summary>
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

    [HttpPost(Path + "/language")]
    public async Task<IActionResult> SetLanguageAsync(LanguageForm form)
    {
        var id = users.GetUserId(User)!;
        var saved = await preferences.SetCultureAsync(id, form.Culture);
        if (saved.Succeeded)
        {
            TempData[WorkspaceControllerBase.NoticeKey] = text["Your e-mails will be written in {0}.", Cultures.Autonym(saved.Value.Culture)];
            return Redirect(Url.Content("~" + Path));
        }

        if (saved.Error.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        ModelState.AddErrors(saved.Error, text);
        var account = await preferences.GetAsync(id);
        if (!account.Succeeded)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Show", new MyAccountPage(account.Value, form));
    }
}
