using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Countries;
using WsisTracker.Core.Reporting;
using WsisTracker.Core.Reports;
using WsisTracker.Web.Areas.Workspace.Controllers;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Controllers;

/// <summary>
/// The contributors' pages: their organisations' commitments and reports (<c>/contribute</c>), and the report form of
/// one commitment. What a contributor may see and do is decided by <see cref="ProgressReportService"/> from the
/// principal built here; a commitment outside their stakeholders' is not found.
/// </summary>
[Authorize(Roles = StaffRoles.Contributor)]
public sealed class ContributeController(ProgressReportService reports, ContributorScope scope, ReportingCycles cycles, CountryService countries, TimeProvider time, PageText text) : PageController
{
    private const string View_ = "~/Views/Contribute/Report.cshtml";

    [HttpGet("/contribute")]
    public async Task<IActionResult> IndexAsync(CancellationToken cancellationToken)
    {
        var principal = await PrincipalAsync(cancellationToken);
        var listed = await reports.ListCommitmentsAsync(principal, cancellationToken);
        if (!listed.Succeeded)
        {
            return Refused(listed.Error!);
        }

        var expected = await cycles.ExpectedOfAsync(principal.StakeholderIds, cancellationToken);
        return View("~/Views/Contribute/Index.cshtml", new ContributePage(listed.Value!, expected, Today()));
    }

    [HttpGet("/contribute/commitments/{id:int}/report")]
    public async Task<IActionResult> ReportAsync(int id, CancellationToken cancellationToken)
    {
        var context = await reports.GetReportingContextAsync(await PrincipalAsync(cancellationToken), id, cancellationToken);
        return context.Succeeded ? await PageAsync(context.Value!, ReportForm.For(context.Value!, Today()), null, cancellationToken) : Refused(context.Error!);
    }

    /// <summary>
    /// Saves the draft (a first one, or a revision of the open report), and with <c>Intent=submit</c> submits it too.
    /// A report someone changed meanwhile answers 409 with the report as it now is and the values sent still in the form.
    /// </summary>
    [HttpPost("/contribute/commitments/{id:int}/report")]
    public async Task<IActionResult> SaveAsync(int id, ReportForm form, CancellationToken cancellationToken)
    {
        var principal = await PrincipalAsync(cancellationToken);
        var context = await reports.GetReportingContextAsync(principal, id, cancellationToken);
        if (!context.Succeeded)
        {
            return Refused(context.Error!);
        }

        if (form.Status is null)
        {
            ModelState.AddModelError(nameof(form.Status), text["Choose a status."]);
        }

        if (form.AsOf is null)
        {
            ModelState.AddModelError(nameof(form.AsOf), text["Give the date the progress is reported as of."]);
        }

        if (!ModelState.IsValid)
        {
            return await PageAsync(context.Value!, form, null, cancellationToken);
        }

        var input = new ReportInput(form.Status!.Value, form.ProgressPercent, form.Narrative, ReportForm.Lines(form.EvidenceLinks), form.AsOf!.Value, null) { Scope = form.Scope.ToInput() };
        var saved = form.ReportId is { } reportId
            ? await reports.ReviseAsync(principal, reportId, input, form.Version, cancellationToken)
            : await reports.CreateDraftAsync(principal, id, form.Stakeholder, input, cancellationToken);
        if (saved.Succeeded && form.Intent == ReportForm.Submit)
        {
            saved = await reports.SubmitAsync(principal, saved.Value!.Id, saved.Value.Version, cancellationToken);
        }

        if (saved.Succeeded)
        {
            TempData[WorkspaceControllerBase.NoticeKey] = saved.Value!.State == ReportState.Submitted
                ? "Report submitted. The secretariat reviews it; you see its state here."
                : "Draft saved. Submit it when it is ready.";
            return Redirect(Url.Content($"~/contribute/commitments/{id}/report"));
        }

        var error = saved.Error!;
        if (error.Kind == ErrorKind.NotFound && form.ReportId is not null)
        {
            return Refused(error);
        }

        if (error.Kind == ErrorKind.StaleVersion || error.Code is "report-open" or "report-state")
        {
            // Someone else moved the report on: show it as it is now, with the values sent still in the form.
            var current = await reports.GetReportingContextAsync(principal, id, cancellationToken);
            if (!current.Succeeded)
            {
                return Refused(current.Error!);
            }

            Response.StatusCode = StatusCodes.Status409Conflict;
            var open = current.Value!.OpenReport;
            return await PageAsync(current.Value, form with { ReportId = open?.Id, Version = open?.Version ?? 0 }, text[error.Message], cancellationToken);
        }

        ModelState.AddErrors(error, text);
        return await PageAsync(context.Value!, form, null, cancellationToken);
    }

    /// <summary>The report page, with the M49 areas the scope fieldset offers and the names of what the open report's scope names.</summary>
    private async Task<IActionResult> PageAsync(ReportingContext context, ReportForm form, string? conflict, CancellationToken cancellationToken)
    {
        var regions = (await countries.RegionsAsync(cancellationToken)).Where(r => r.Level != RegionLevel.Global).ToList();
        var names = context.OpenReport is { } open ? await countries.ScopeNamesAsync([open.Scope], cancellationToken) : new Dictionary<string, LocalizedNames>();
        return View(View_, new ReportPage(context, form, conflict) { Regions = regions, ScopeNames = names });
    }

    private Task<ReportPrincipal> PrincipalAsync(CancellationToken cancellationToken) => scope.ForAsync(User, cancellationToken);

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private IActionResult Refused(Error error)
    {
        if (error.Kind == ErrorKind.Forbidden)
        {
            return Forbid();
        }

        return NotFoundPage(error);
    }
}

/// <summary>The report form: the fields of <see cref="ReportInput"/> as a page posts them, and which report it continues at which version.</summary>
public sealed record ReportForm
{
    public const string Submit = "submit";

    public CommitmentStatus? Status { get; init; }

    [Display(Name = "Progress (%)")]
    public int? ProgressPercent { get; init; }

    public string? Narrative { get; init; }

    [Display(Name = "Evidence links (one per line)")]
    public string? EvidenceLinks { get; init; }

    [Display(Name = "As of")]
    public DateOnly? AsOf { get; init; }

    /// <summary>Where the work was done: the fieldset of the commitment form, checked by the same rule (decision 131).</summary>
    public ScopeForm Scope { get; init; } = new();

    /// <summary>The slug of the stakeholder a first draft reports for.</summary>
    public string? Stakeholder { get; init; }

    public int? ReportId { get; init; }

    public uint Version { get; init; }

    /// <summary><see cref="Submit"/> to submit after saving; anything else saves a draft.</summary>
    public string? Intent { get; init; }

    /// <summary>The open report's content, or for a first report the commitment's status and progress as of today.</summary>
    public static ReportForm For(ReportingContext context, DateOnly today) => context.OpenReport is { } open
        ? new ReportForm
        {
            Status = open.Status,
            ProgressPercent = open.ProgressPercent,
            Narrative = open.Narrative,
            EvidenceLinks = string.Join('\n', open.EvidenceLinks),
            AsOf = open.AsOf,
            Scope = ScopeForm.From(open.Scope),
            Stakeholder = open.StakeholderSlug,
            ReportId = open.Id,
            Version = open.Version,
        }
        : new ReportForm
        {
            Status = context.Commitment.Status,
            ProgressPercent = context.Commitment.ProgressPercent,
            AsOf = today,
            Stakeholder = context.Stakeholders[0].Slug,
        };

    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>The contributor's page: their organisations' commitments, and what the open reporting cycles expect of them.</summary>
public sealed record ContributePage(IReadOnlyList<ContributorCommitment> Commitments, IReadOnlyList<CycleExpectation> Cycles, DateOnly Today);

/// <summary>The report page: the commitment, the open report if any, the form and, after a refused save, what happened meanwhile.</summary>
public sealed record ReportPage(ReportingContext Context, ReportForm Form, string? Conflict = null)
{
    /// <summary>The M49 areas below the world a regional scope may name.</summary>
    public IReadOnlyList<RegionModel> Regions { get; init; } = [];

    /// <summary>The names of the areas or countries the open report's scope names, by code.</summary>
    public IReadOnlyDictionary<string, LocalizedNames> ScopeNames { get; init; } = new Dictionary<string, LocalizedNames>();
}
