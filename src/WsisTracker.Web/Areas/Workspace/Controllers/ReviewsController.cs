using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.ActionLines;
using WsisTracker.Core.Common;
using WsisTracker.Core.Countries;
using WsisTracker.Core.Reports;
using WsisTracker.Core.Stakeholders;
using WsisTracker.Web.Infrastructure;
using WsisTracker.Web.Models;

namespace WsisTracker.Web.Areas.Workspace.Controllers;

/// <summary>
/// The secretariat's review of progress reports: the queue of submitted reports and one report beside its
/// commitment, approved, returned or rejected through <see cref="ProgressReportService"/> with the version the page
/// was read at. A reviewer who acts on a report another has acted on meanwhile sees it as it now is (409).
/// </summary>
[Area("Workspace")]
public sealed class ReviewsController(ProgressReportService reports, ContributorScope scope, StakeholderService stakeholders, ActionLineService actionLines, CountryService countries) : WorkspaceControllerBase
{
    [HttpGet("/workspace/reviews")]
    public async Task<IActionResult> IndexAsync(string? stakeholder, string? actionLine, CancellationToken cancellationToken)
    {
        var filter = new ReviewFilter(stakeholder, actionLine);
        var queue = await reports.ReviewQueueAsync(await scope.ForAsync(User, cancellationToken), filter, cancellationToken);
        if (!queue.Succeeded)
        {
            return Forbid();
        }

        return View("Index", new ReviewQueuePage(queue.Value!, filter, await stakeholders.ListAsync(null, cancellationToken), await actionLines.ListAsync(cancellationToken)));
    }

    [HttpGet("/workspace/reviews/{id:int}")]
    public Task<IActionResult> ShowAsync(int id, CancellationToken cancellationToken) => PageAsync(id, new ReviewForm(), null, cancellationToken);

    [HttpPost("/workspace/reviews/{id:int}/approve")]
    public Task<IActionResult> ApproveAsync(int id, ReviewForm form, CancellationToken cancellationToken) =>
        DecideAsync(id, form, "Report approved: it is now the commitment's latest progress update, under the organisation's name.",
            (principal, ct) => reports.ApproveAsync(principal, id, form.Version, ct), cancellationToken);

    [HttpPost("/workspace/reviews/{id:int}/return")]
    public Task<IActionResult> ReturnAsync(int id, ReviewForm form, CancellationToken cancellationToken) =>
        DecideAsync(id, form, "Report returned to the contributor with your comment.",
            (principal, ct) => reports.ReturnAsync(principal, id, form.Comment, form.Version, ct), cancellationToken);

    [HttpPost("/workspace/reviews/{id:int}/reject")]
    public Task<IActionResult> RejectAsync(int id, ReviewForm form, CancellationToken cancellationToken) =>
        DecideAsync(id, form, "Report rejected.",
            (principal, ct) => reports.RejectAsync(principal, id, form.Reason, form.Version, ct), cancellationToken);

    private async Task<IActionResult> DecideAsync(int id, ReviewForm form, string done, Func<ReportPrincipal, CancellationToken, Task<Result<ProgressReportDetail>>> decide, CancellationToken cancellationToken)
    {
        var decided = await decide(await scope.ForAsync(User, cancellationToken), cancellationToken);
        if (decided.Succeeded)
        {
            Notice(Text[done]);
            return RedirectWithin("/workspace/reviews");
        }

        var error = decided.Error!;
        if (error.Kind == ErrorKind.NotFound)
        {
            return NotFoundPage(error);
        }

        if (IsStale(error) || error.Code is "report-state" or "report-refused")
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await PageAsync(id, form, Text[error.Message], cancellationToken);
        }

        AddErrors(error);
        return await PageAsync(id, form, null, cancellationToken);
    }

    private async Task<IActionResult> PageAsync(int id, ReviewForm form, string? conflict, CancellationToken cancellationToken)
    {
        var review = await reports.GetForReviewAsync(await scope.ForAsync(User, cancellationToken), id, cancellationToken);
        if (!review.Succeeded)
        {
            return review.Error!.Kind == ErrorKind.Forbidden ? Forbid() : NotFoundPage(review.Error);
        }

        // The forms carry the version shown, so a decision on what the page showed is the only one accepted.
        var names = await countries.ScopeNamesAsync([review.Value!.Report.Scope, review.Value.Commitment.Scope], cancellationToken);
        return View("Show", new ReviewPage(review.Value!, form with { Version = review.Value!.Report.Version }, conflict) { ScopeNames = names });
    }

    private ViewResult NotFoundPage(Error error)
    {
        var view = View("NotFound", new NotFoundViewModel(Text[error.Message]));
        view.StatusCode = StatusCodes.Status404NotFound;
        return view;
    }
}

public sealed record ReviewForm
{
    public string? Comment { get; init; }

    public string? Reason { get; init; }

    public uint Version { get; init; }
}

public sealed record ReviewQueuePage(IReadOnlyList<ProgressReportSummary> Reports, ReviewFilter Filter, IReadOnlyList<StakeholderModel> Stakeholders, IReadOnlyList<ActionLineModel> ActionLines);

public sealed record ReviewPage(ReportReview Review, ReviewForm Form, string? Conflict)
{
    /// <summary>The names of the areas and countries the report's and the commitment's scopes name, by code.</summary>
    public IReadOnlyDictionary<string, LocalizedNames> ScopeNames { get; init; } = new Dictionary<string, LocalizedNames>();
}
