using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using WsisTracker.Core.Common;
using WsisTracker.Core.Dashboard;
using WsisTracker.Web.Infrastructure;
using WsisTracker.Web.Models;

namespace WsisTracker.Web.Controllers;

public sealed class HomeController(DashboardService dashboard) : Controller
{
    /// <summary>The dashboard, optionally for one resolution's commitments.</summary>
    [HttpGet("/")]
    [OutputCache(PolicyName = WsisTrackerApp.ReadModelPages)]
    public async Task<IActionResult> IndexAsync([FromQuery, StringLength(Limits.Symbol)] string? resolution, CancellationToken cancellationToken)
    {
        var slug = ModelState.IsValid && !string.IsNullOrWhiteSpace(resolution) ? resolution.Trim() : null;
        return View(new DashboardViewModel(await dashboard.GetAsync(slug, cancellationToken)));
    }
}
