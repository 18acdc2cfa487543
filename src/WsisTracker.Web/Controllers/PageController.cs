using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Common;
using WsisTracker.Web.Models;

namespace WsisTracker.Web.Controllers;

/// <summary>Base of the public pages' controllers: maps a service's <see cref="Error"/> to a page.</summary>
public abstract class PageController : Controller
{
    /// <summary>A "not found" page with status 404 that says what was not found and where to go instead.</summary>
    protected ViewResult NotFoundPage(Error error)
    {
        var view = View("NotFound", new NotFoundViewModel(error.Message));
        view.StatusCode = StatusCodes.Status404NotFound;
        return view;
    }
}
