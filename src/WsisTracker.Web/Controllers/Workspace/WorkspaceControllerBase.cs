using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Common;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Controllers.Workspace;

/// <summary>Staff pages: signed-in editors only. Maps a service's <see cref="Error"/> onto the form's fields.</summary>
[Authorize(Roles = StaffRoles.Editors)]
public abstract class WorkspaceControllerBase : Controller
{
    public const string NoticeKey = "Notice";

    protected void Notice(string message) => TempData[NoticeKey] = message;

    /// <summary>Puts each field error next to its field; other messages go to the summary (<see cref="PageErrors"/>).</summary>
    protected void AddErrors(Error error) => ModelState.AddErrors(error);
}
