using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.ActionLines;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Reports;
using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Stakeholders;
using WsisTracker.Web.Areas.Workspace.Controllers;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Controllers.Contribute;

/// <summary>What a contributor proposes: a commitment of their organisation (decision 081).</summary>
public sealed record ProposalForm
{
    /// <summary>The organisation that proposes it, by slug: one the contributor is focal point of.</summary>
    [Display(Name = "Organisation")]
    public string? Stakeholder { get; init; }

    [StringLength(Limits.ShortText)]
    public string? Title { get; init; }

    [StringLength(Limits.Description)]
    public string? Description { get; init; }

    /// <summary>The paragraphs it answers, one per line, as <c>resolution:number</c>.</summary>
    [StringLength(2000)]
    public string? Paragraphs { get; init; }

    public List<string> ActionLines { get; init; } = [];

    public List<string> PartnerStakeholders { get; init; } = [];

    public DateOnly? TargetDate { get; init; }

    public IReadOnlyList<string> ParagraphLines() =>
        (Paragraphs ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public CommitmentInput ToInput() => new(
        Title,
        Description,
        ParagraphLines().Select(line => ParagraphSearch.ParseKey(line) ?? new ParagraphKey(line, 0)).ToList(),
        ActionLines,
        [],
        PartnerStakeholders,
        TargetDate,
        null,
        null,
        []);
}

public sealed record ProposalPage(ProposalForm Form, IReadOnlyList<StakeholderModel> Own, IReadOnlyList<ActionLineModel> ActionLines, IReadOnlyList<StakeholderModel> Stakeholders);

/// <summary>
/// <c>/contribute/commitments/propose</c>: a contributor proposes a voluntary commitment for one of their
/// organisations. It is proposed, not public, until the secretariat publishes it from the workspace.
/// </summary>
[Authorize(Roles = StaffRoles.Contributor)]
public sealed class ProposalsController(CommitmentWrites writes, ContributorScope scope, ActionLineService actionLines, StakeholderService stakeholders, PageText text) : Controller
{
    [HttpGet("/contribute/commitments/propose")]
    public async Task<IActionResult> NewAsync(CancellationToken cancellationToken) =>
        View("~/Views/Contribute/Propose.cshtml", await PageAsync(new ProposalForm(), cancellationToken));

    [HttpPost("/contribute/commitments/propose")]
    public async Task<IActionResult> ProposeAsync(ProposalForm form, CancellationToken cancellationToken)
    {
        var page = await PageAsync(form, cancellationToken);
        var organisation = page.Own.FirstOrDefault(s => s.Slug == form.Stakeholder) ?? (page.Own.Count == 1 && form.Stakeholder is null ? page.Own[0] : null);
        if (organisation is null)
        {
            ModelState.AddModelError(nameof(form.Stakeholder), text["Choose one of your organisations."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("~/Views/Contribute/Propose.cshtml", page);
        }

        var proposed = await writes.ProposeAsync(organisation!.Id, form.ToInput(), cancellationToken);
        if (proposed.Succeeded)
        {
            TempData[WorkspaceControllerBase.NoticeKey] = text["Proposed “{0}” for {1}. The secretariat publishes it once it has checked it; until then only you and the secretariat see it.", proposed.Value.Title, organisation.Name];
            return Redirect(Url.Content("~/contribute/commitments/propose"));
        }

        ModelState.AddErrors(proposed.Error!, text);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("~/Views/Contribute/Propose.cshtml", page);
    }

    private async Task<ProposalPage> PageAsync(ProposalForm form, CancellationToken cancellationToken)
    {
        var userId = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "";
        var own = await scope.StakeholderIdsAsync(userId, cancellationToken);
        var all = await stakeholders.ListAsync(null, cancellationToken);
        var lines = await actionLines.ListAsync(cancellationToken);
        return new ProposalPage(form, all.Where(s => own.Contains(s.Id)).ToList(), Flatten(lines).ToList(), all);
    }

    private static IEnumerable<ActionLineModel> Flatten(IEnumerable<ActionLineModel> lines) =>
        lines.SelectMany(line => new[] { line }.Concat(Flatten(line.SubLines)));
}
