using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Common;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Areas.Workspace.Controllers;

/// <summary>Staff pages: signed-in editors only. Maps a service's <see cref="Error"/> onto the form's fields.</summary>
[Authorize(Roles = StaffRoles.Editors)]
public abstract class WorkspaceControllerBase : Controller
{
    public const string NoticeKey = "Notice";

    /// <summary>The page's text in the request's culture, for the notices and messages the controllers write.</summary>
    protected PageText Text => field ??= HttpContext.RequestServices.GetRequiredService<PageText>();

    protected void Notice(string message) => TempData[NoticeKey] = message;

    /// <summary>
    /// A redirect to a page of the site under the request's path base, so a staff member working under <c>/fr/...</c>
    /// stays there (the culture prefix is the path base, docs/languages.md).
    /// </summary>
    protected RedirectResult RedirectWithin(string path) => Redirect(Url.Content("~" + path));

    /// <summary>True when a write was refused because the form was read at an older version (<see cref="ErrorKind.StaleVersion"/>).</summary>
    protected static bool IsStale(Error error) => error.Kind == ErrorKind.StaleVersion;

    /// <summary>
    /// The workspace's answer to a stale version: 409 with the form again, its version moved to the row's current one
    /// and the current state beside it (the view shows both), or 404 when the row is gone.
    /// </summary>
    protected async Task<IActionResult> ConflictViewAsync<T>(Result<T> current, Func<T, Task<IActionResult>> view)
    {
        if (!current.Succeeded)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status409Conflict;
        return await view(current.Value!);
    }

    /// <inheritdoc cref="ConflictViewAsync{T}(Result{T}, Func{T, Task{IActionResult}})"/>
    protected Task<IActionResult> ConflictViewAsync<T>(Result<T> current, Func<T, IActionResult> view) =>
        ConflictViewAsync(current, value => Task.FromResult(view(value)));

    /// <summary>
    /// Puts each field error next to its field, in the page's culture; other messages go to the summary
    /// (<see cref="PageErrors"/>, decision 119).
    /// </summary>
    protected void AddErrors(Error error) => ModelState.AddErrors(error, Text);
}
