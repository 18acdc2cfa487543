using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Search;
using WsisTracker.Web.Models;

namespace WsisTracker.Web.Controllers;

public sealed class SearchController(SearchService search) : Controller
{
    [HttpGet("/search")]
    public async Task<IActionResult> IndexAsync([FromQuery] string? q, CancellationToken cancellationToken) =>
        View("Index", new SearchViewModel(await search.SearchAsync(q, cancellationToken)));
}
