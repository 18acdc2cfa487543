using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using WsisTracker.Core.Countries;
using WsisTracker.Core.Dashboard;
using WsisTracker.Web.Infrastructure;
using WsisTracker.Web.Models;

namespace WsisTracker.Web.Controllers;

public sealed class HomeController(DashboardService dashboard, CountryService countries) : Controller
{
    /// <summary>
    /// The dashboard, optionally for one resolution's commitments, an M49 area's or a grouping's (as the list's filters
    /// mean them). A filter out of bounds is said next to its field and left out; the rest of the page is as before.
    /// </summary>
    [HttpGet("/")]
    [OutputCache(PolicyName = WsisTrackerApp.ReadModelPages)]
    public async Task<IActionResult> IndexAsync([FromQuery] DashboardQuery query, CancellationToken cancellationToken)
    {
        string? Valid(string key, string? value) => ModelState.GetFieldValidationState(key) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid ? null : DashboardQuery.Blank(value);

        var model = await dashboard.GetAsync(Valid(nameof(query.Resolution), query.Resolution), Valid(nameof(query.Region), query.Region), Valid(nameof(query.Grouping), query.Grouping), cancellationToken);
        return View(new DashboardViewModel(model)
        {
            Regions = [.. (await countries.RegionsAsync(cancellationToken)).Where(r => r.Level != RegionLevel.Global)],
            GroupingsAsOf = countries.Today,
        });
    }
}
