using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Stakeholders;
using WsisTracker.Web.Models;

namespace WsisTracker.Web.Controllers;

public sealed class StakeholdersController(StakeholderService stakeholders) : PageController
{
    [HttpGet("/stakeholders")]
    public async Task<IActionResult> IndexAsync(CancellationToken cancellationToken) =>
        View("Index", new StakeholdersViewModel(await stakeholders.ListWithCountsAsync(cancellationToken)));

    [HttpGet("/stakeholders/{id:int}")]
    public async Task<IActionResult> ShowAsync(int id, CancellationToken cancellationToken)
    {
        var profile = await stakeholders.GetProfileAsync(id, cancellationToken);
        return profile.Succeeded ? View("Show", new StakeholderViewModel(profile.Value)) : NotFoundPage(profile.Error);
    }
}
