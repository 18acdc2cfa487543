using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.ActionLines;
using WsisTracker.Core.Reporting;
using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Web.Areas.Workspace.Controllers;

/// <summary>The form that opens a reporting cycle; blank scope fields mean all commitments.</summary>
public sealed record OpenCycleForm
{
    public string? Name { get; init; }

    public DateOnly? OpensOn { get; init; }

    public DateOnly? DueOn { get; init; }

    public string? Resolution { get; init; }

    public string? ActionLine { get; init; }

    public string? Stakeholder { get; init; }

    public OpenCycleInput ToInput() => new(Name, OpensOn, DueOn, Resolution, ActionLine, Stakeholder);
}

/// <summary>The cycles page: every cycle and the form to open one, with the choices of its scope.</summary>
public sealed record CyclesPage(
    IReadOnlyList<ReportingCycleSummary> Cycles,
    OpenCycleForm Form,
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
        View("Index", await PageAsync(new OpenCycleForm(), resolutions, actionLines, stakeholders, cancellationToken));

    [HttpPost("/workspace/cycles")]
    public async Task<IActionResult> OpenAsync(
        OpenCycleForm form,
        [FromServices] ResolutionService resolutions,
        [FromServices] ActionLineService actionLines,
        [FromServices] StakeholderService stakeholders,
        CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var opened = await cycles.OpenAsync(form.ToInput(), cancellationToken);
            if (opened.Succeeded)
            {
                Notice($"Reporting cycle {opened.Value!.Name} opened.");
                return Redirect($"/workspace/cycles/{opened.Value.Id}");
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
            Notice($"Reporting cycle {closed.Value!.Name} closed; its report is frozen.");
            return Redirect($"/workspace/cycles/{id}");
        }

        if (closed.Error!.Kind == Core.Common.ErrorKind.NotFound)
        {
            return NotFound();
        }

        Notice(closed.Error.Message);
        return Redirect($"/workspace/cycles/{id}");
    }

    private async Task<CyclesPage> PageAsync(
        OpenCycleForm form,
        ResolutionService resolutions,
        ActionLineService actionLines,
        StakeholderService stakeholders,
        CancellationToken cancellationToken) =>
        new(await cycles.ListAsync(cancellationToken), form, await resolutions.ListAsync(cancellationToken), await actionLines.ListAsync(cancellationToken), await stakeholders.ListAsync(null, cancellationToken));
}
