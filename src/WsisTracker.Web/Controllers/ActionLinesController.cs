using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.ActionLines;
using WsisTracker.Web.Models;

namespace WsisTracker.Web.Controllers;

public sealed class ActionLinesController(ActionLineService actionLines) : PageController
{
    [HttpGet("/action-lines/{code}")]
    public async Task<IActionResult> ShowAsync(string code, CancellationToken cancellationToken)
    {
        var overview = await actionLines.GetOverviewAsync(code, cancellationToken);
        return overview.Succeeded ? View("Show", new ActionLineViewModel(overview.Value)) : NotFoundPage(overview.Error);
    }
}
