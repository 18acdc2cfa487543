using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.ActionLines;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Countries;
using WsisTracker.Core.Indicators;
using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Web.Areas.Workspace.Controllers;

/// <summary>
/// Recording progress on, creating, editing and withdrawing commitments. Every write goes through
/// <see cref="ProgressRecorder"/> or <see cref="CommitmentWrites"/> with the version the form was read at; a stale
/// version shows the conflict page.
/// </summary>
[Area("Workspace")]
public sealed class CommitmentsController(
    CommitmentReads reads,
    CommitmentWrites writes,
    ProgressRecorder progress,
    ParagraphSearch paragraphs,
    ActionLineService actionLines,
    StakeholderService stakeholders,
    TimeProvider time,
    CountryService countries,
    IndicatorService indicators) : WorkspaceControllerBase
{
    [HttpGet("/workspace")]
    public async Task<IActionResult> IndexAsync(CommitmentStatus? status, string? resolution, int page = 1, CancellationToken cancellationToken = default)
    {
        var list = await reads.ListAsync(new CommitmentFilter(Resolution: string.IsNullOrWhiteSpace(resolution) ? null : resolution, Status: status), Math.Max(page, 1), 50, cancellationToken);
        if (!list.Succeeded)
        {
            return BadRequest();
        }

        var proposals = await reads.ListProposedAsync(cancellationToken);
        return View("Index", new WorkspaceIndexPage(list.Value!, status, resolution) { Proposals = proposals });
    }

    [HttpGet("/workspace/commitments/{id:int}")]
    public async Task<IActionResult> ProgressAsync(int id, CancellationToken cancellationToken)
    {
        var commitment = await reads.GetAsync(id, cancellationToken, includeProposed: true);
        if (!commitment.Succeeded)
        {
            return NotFound();
        }

        var c = commitment.Value!;
        var form = new ProgressForm
        {
            Status = c.Status,
            ProgressPercent = c.ProgressPercent,
            AsOf = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime),
            Version = c.Version,
        };
        return View("Progress", new ProgressPage(c, form));
    }

    [HttpPost("/workspace/commitments/{id:int}/progress")]
    public async Task<IActionResult> RecordProgressAsync(int id, ProgressForm form, CancellationToken cancellationToken)
    {
        var current = await reads.GetAsync(id, cancellationToken);
        if (!current.Succeeded)
        {
            return NotFound();
        }

        var input = RecordProgressInput.From(form.Status, form.ProgressPercent, form.Note, form.EvidenceLinkList(), form.AsOf);
        if (!input.Succeeded)
        {
            AddErrors(input.Error);
        }

        if (!ModelState.IsValid || !input.Succeeded)
        {
            return View("Progress", new ProgressPage(current.Value!, form));
        }

        var recorded = await progress.RecordProgressAsync(id, input.Value, form.Version, cancellationToken);
        if (recorded.Succeeded)
        {
            Notice(Text["Progress recorded: {0}.", Text.Status(recorded.Value!.Update.Status)]);
            return RedirectWithin($"/workspace/commitments/{id}");
        }

        if (IsStale(recorded.Error!))
        {
            return await ConflictViewAsync(current, c => View("Progress", new ProgressPage(c, form with { Version = c.Version }, Conflict: c)));
        }

        AddErrors(recorded.Error!);
        return View("Progress", new ProgressPage(current.Value!, form));
    }

    /// <summary>Publishes a proposed voluntary commitment, at the version the page was read at.</summary>
    [HttpPost("/workspace/commitments/{id:int}/publish")]
    public async Task<IActionResult> PublishAsync(int id, [FromForm] uint version, CancellationToken cancellationToken)
    {
        var published = await writes.PublishAsync(id, version, cancellationToken);
        if (published.Succeeded)
        {
            Notice(Text["Commitment published. It is public now, marked voluntary."]);
            return RedirectWithin($"/workspace/commitments/{id}");
        }

        if (published.Error!.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        var current = await reads.GetAsync(id, cancellationToken, includeProposed: true);
        if (!current.Succeeded)
        {
            return NotFound();
        }

        Response.StatusCode = IsStale(published.Error) ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        ModelState.AddModelError("", IsStale(published.Error) ? Text["Someone else changed this proposal since you read it; it stands as shown below. Check it and publish again."] : Text[published.Error.Message]);
        var c = current.Value!;
        return View("Progress", new ProgressPage(c, new ProgressForm { Status = c.Status, ProgressPercent = c.ProgressPercent, AsOf = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), Version = c.Version }));
    }

    [HttpGet("/workspace/commitments/new")]
    public async Task<IActionResult> NewAsync(CancellationToken cancellationToken) =>
        View("Edit", await FormPageAsync(null, new CommitmentForm(), cancellationToken));

    [HttpPost("/workspace/commitments/new")]
    public async Task<IActionResult> CreateAsync(CommitmentForm form, CancellationToken cancellationToken)
    {
        if (form.IsSearch || !ModelState.IsValid)
        {
            ModelState.Remove(nameof(form.Intent));
            return View("Edit", await FormPageAsync(null, form, cancellationToken));
        }

        var created = await writes.CreateAsync(form.ToInput(), cancellationToken);
        if (created.Succeeded)
        {
            Notice(Text["Commitment created."]);
            return RedirectWithin($"/workspace/commitments/{created.Value!.Id}");
        }

        AddErrors(created.Error!);
        return View("Edit", await FormPageAsync(null, form, cancellationToken));
    }

    [HttpGet("/workspace/commitments/{id:int}/edit")]
    public async Task<IActionResult> EditAsync(int id, CancellationToken cancellationToken)
    {
        var commitment = await reads.GetAsync(id, cancellationToken);
        return commitment.Succeeded
            ? View("Edit", await FormPageAsync(id, CommitmentForm.From(commitment.Value!), cancellationToken))
            : NotFound();
    }

    [HttpPost("/workspace/commitments/{id:int}/edit")]
    public async Task<IActionResult> ReviseAsync(int id, CommitmentForm form, CancellationToken cancellationToken)
    {
        if (form.IsSearch || !ModelState.IsValid)
        {
            return View("Edit", await FormPageAsync(id, form, cancellationToken));
        }

        var revised = await writes.ReviseAsync(id, form.ToInput(), form.Version, cancellationToken);
        if (revised.Succeeded)
        {
            Notice(Text["Commitment saved."]);
            return RedirectWithin($"/workspace/commitments/{id}");
        }

        if (revised.Error!.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        if (IsStale(revised.Error))
        {
            return await ConflictViewAsync(await reads.GetAsync(id, cancellationToken), async c =>
                View("Edit", await FormPageAsync(id, form with { Version = c.Version }, cancellationToken, c)));
        }

        AddErrors(revised.Error);
        return View("Edit", await FormPageAsync(id, form, cancellationToken));
    }

    [HttpGet("/workspace/commitments/{id:int}/withdraw")]
    public async Task<IActionResult> WithdrawFormAsync(int id, CancellationToken cancellationToken)
    {
        var commitment = await reads.GetAsync(id, cancellationToken);
        return commitment.Succeeded
            ? View("Withdraw", new WithdrawPage(commitment.Value!, new WithdrawForm { Version = commitment.Value!.Version }))
            : NotFound();
    }

    [HttpPost("/workspace/commitments/{id:int}/withdraw")]
    public async Task<IActionResult> WithdrawAsync(int id, WithdrawForm form, CancellationToken cancellationToken)
    {
        var withdrawn = await writes.WithdrawAsync(id, form.Reason, form.Version, cancellationToken);
        if (withdrawn.Succeeded)
        {
            Notice(Text["Commitment withdrawn. It stays, with its history, marked withdrawn."]);
            return RedirectWithin($"/workspace/commitments/{id}");
        }

        var current = await reads.GetAsync(id, cancellationToken);
        if (IsStale(withdrawn.Error!))
        {
            return await ConflictViewAsync(current, c => View("Withdraw", new WithdrawPage(c, form with { Version = c.Version }, IsConflict: true)));
        }

        if (!current.Succeeded)
        {
            return NotFound();
        }

        AddErrors(withdrawn.Error!);
        return View("Withdraw", new WithdrawPage(current.Value!, form with { Version = current.Value!.Version }));
    }

    private async Task<CommitmentFormPage> FormPageAsync(int? id, CommitmentForm form, CancellationToken cancellationToken, CommitmentDetail? conflict = null)
    {
        var keys = form.Paragraphs.Select(ParagraphSearch.ParseKey).OfType<ParagraphKey>().ToList();
        var cited = await paragraphs.DescribeAsync(keys, cancellationToken);
        var found = (await paragraphs.FindAsync(form.ParagraphQuery, cancellationToken)).Where(f => !cited.Any(c => c.Key == f.Key)).ToList();
        var lines = await actionLines.ListAsync(cancellationToken);
        var all = await stakeholders.ListAsync(null, cancellationToken);
        var milestones = form.Milestones.Where(m => !m.IsBlank).Concat(Enumerable.Repeat(new MilestoneForm(), 2)).ToList();
        var regions = (await countries.RegionsAsync(cancellationToken)).Where(r => r.Level != RegionLevel.Global).ToList();
        return new CommitmentFormPage(id, form with { Milestones = milestones }, cited, found, Flatten(lines).ToList(), all, conflict)
        {
            Regions = regions,
            Indicators = await indicators.ListAsync(cancellationToken),
        };
    }

    private static IEnumerable<ActionLineModel> Flatten(IEnumerable<ActionLineModel> lines) =>
        lines.SelectMany(line => new[] { line }.Concat(Flatten(line.SubLines)));
}
