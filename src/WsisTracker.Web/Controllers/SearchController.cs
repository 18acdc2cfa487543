using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using WsisTracker.Core.Search;
using WsisTracker.Web.Infrastructure;
using WsisTracker.Web.Models;

namespace WsisTracker.Web.Controllers;

public sealed class SearchController(SearchService search) : Controller
{
    [HttpGet("/search")]
    [OutputCache(PolicyName = WsisTrackerApp.ReadModelPages)]
    [EnableRateLimiting(RateLimits.CostlyPages)]
    public async Task<IActionResult> IndexAsync([FromQuery] string? q, CancellationToken cancellationToken) =>
        View("Index", new SearchViewModel(await search.SearchAsync(q, cancellationToken)));
}
