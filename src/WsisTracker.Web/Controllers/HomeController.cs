using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Resolutions;

namespace WsisTracker.Web.Controllers;

public sealed class HomeController(ResolutionService resolutions) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> IndexAsync(CancellationToken cancellationToken) =>
        View(new HomeViewModel(await resolutions.ListAsync(cancellationToken)));
}

public sealed record HomeViewModel(IReadOnlyList<ResolutionSummary> Resolutions);
