using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.ActionLines;
using WsisTracker.Core.Reporting;
using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Web.Areas.Workspace.Controllers;

/// <summary>The cycles page: every cycle and the form to open one, with the choices of its scope.</summary>
public sealed record CyclesPage(
    IReadOnlyList<ReportingCycleSummary> Cycles,
    OpenCycleInput Form,
    IReadOnlyList<ResolutionSummary> Resolutions,
    IReadOnlyList<ActionLineModel> ActionLines,
    IReadOnlyList<StakeholderModel> Stakeholders);

/// <summary>The secretariat's reporting cycles: opening one, following its answers, closing it (decision 086).</summary>
[Area("Workspace")]
public sealed class CyclesController(ReportingCycles cycles) : WorkspaceControllerBase
{
    [HttpGet("/workspace/cycles")]
    public async Task<IActionResult> IndexAsync(
        [FromServices] ResolutionService resolutions,
        [FromServices] ActionLineService actionLines,
        [FromServices] StakeholderService stakeholders,
        CancellationToken cancellationToken) =>
        View("Index", await PageAsync(new OpenCycleInput(null, null, null, null, null, null), resolutions, actionLines, stakeholders, cancellationToken));

    [HttpPost("/workspace/cycles")]
    public async Task<IActionResult> OpenAsync(
        OpenCycleInput form,
        [FromServices] ResolutionService resolutions,
        [FromServices] ActionLineService actionLines,
        [FromServices] StakeholderService stakeholders,
        CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var opened = await cycles.OpenAsync(form, cancellationToken);
            if (opened.Succeeded)
            {
                Notice(Text["Reporting cycle {0} opened.", opened.Value!.Name]);
                return RedirectWithin($"/workspace/cycles/{opened.Value.Id}");
            }

            AddErrors(opened.Error!);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Index", await PageAsync(form, resolutions, actionLines, stakeholders, cancellationToken));
    }

    [HttpGet("/workspace/cycles/{id:int}")]
    public async Task<IActionResult> ShowAsync(int id, CancellationToken cancellationToken)
    {
        var cycle = await cycles.GetAsync(id, cancellationToken);
        return cycle.Succeeded ? View("Show", cycle.Value!) : NotFound();
    }

    [HttpPost("/workspace/cycles/{id:int}/close")]
    public async Task<IActionResult> CloseAsync(int id, [FromForm] uint version, CancellationToken cancellationToken)
    {
        var closed = await cycles.CloseAsync(id, version, cancellationToken);
        if (closed.Succeeded)
        {
            Notice(Text["Reporting cycle {0} closed; its report is frozen.", closed.Value!.Name]);
            return RedirectWithin($"/workspace/cycles/{id}");
        }

        if (closed.Error!.Kind == Core.Common.ErrorKind.NotFound)
        {
            return NotFound();
        }

        Notice(Text[closed.Error.Message]);
        return RedirectWithin($"/workspace/cycles/{id}");
    }

    private async Task<CyclesPage> PageAsync(
        OpenCycleInput form,
        ResolutionService resolutions,
        ActionLineService actionLines,
        StakeholderService stakeholders,
        CancellationToken cancellationToken) =>
        new(await cycles.ListAsync(cancellationToken), form, await resolutions.ListAsync(cancellationToken), await actionLines.ListAsync(cancellationToken), await stakeholders.ListAsync(null, cancellationToken));
}
