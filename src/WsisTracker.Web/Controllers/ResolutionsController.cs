using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using WsisTracker.Core.Resolutions;
using WsisTracker.Web.Infrastructure;
using WsisTracker.Web.Models;

namespace WsisTracker.Web.Controllers;

public sealed class ResolutionsController(ResolutionService resolutions) : PageController
{
    /// <summary>The reader: the whole text with anchors, footnotes and the commitments beside each paragraph.</summary>
    [HttpGet("/resolutions/{slug}")]
    [OutputCache(PolicyName = WsisTrackerApp.ReadModelPages)]
    public async Task<IActionResult> ShowAsync(string slug, CancellationToken cancellationToken)
    {
        var reader = await resolutions.GetReaderAsync(slug, cancellationToken);
        if (!reader.Succeeded)
        {
            return NotFoundPage(reader.Error);
        }

        var value = reader.Value;

        return View("Show", new ReaderViewModel(value, await resolutions.ListAsync(cancellationToken)));
    }
}
