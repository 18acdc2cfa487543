using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using WsisTracker.Core.ActionLines;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Countries;
using WsisTracker.Core.Indicators;
using WsisTracker.Core.Reports;
using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Stakeholders;
using WsisTracker.Web.Infrastructure;
using WsisTracker.Web.Models;

namespace WsisTracker.Web.Controllers;

public sealed class CommitmentsController(CommitmentReads commitments) : PageController
{
    /// <summary>The filtered, sorted, paged list; an invalid filter is shown next to its field and lists nothing.</summary>
    [HttpGet("/commitments")]
    [OutputCache(PolicyName = WsisTrackerApp.ReadModelPages)]
    [EnableRateLimiting(RateLimits.CostlyPages)]
    public async Task<IActionResult> IndexAsync(
        [FromQuery] CommitmentListPageQuery query,
        [FromServices] ResolutionService resolutions,
        [FromServices] ActionLineService actionLines,
        [FromServices] StakeholderService stakeholders,
        [FromServices] CountryService countries,
        CancellationToken cancellationToken)
    {
        PagedResult<CommitmentSummary>? page = null;
        if (ModelState.IsValid)
        {
            page = (await commitments.ListAsync(query.ToFilter(), query.Sort, query.Page, CommitmentListPageQuery.PageSize, cancellationToken)).Value;
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return View("Index", new CommitmentListViewModel(
            query,
            page,
            await resolutions.ListAsync(cancellationToken),
            await actionLines.ListAsync(cancellationToken),
            await stakeholders.ListAsync(null, cancellationToken))
        {
            Regions = [.. (await countries.RegionsAsync(cancellationToken)).Where(r => r.Level != RegionLevel.Global)],
            GroupingsAsOf = countries.Today,
        });
    }

    /// <summary>The current view (filters and order, every page) as CSV.</summary>
    [HttpGet("/commitments/export")]
    [EnableRateLimiting(RateLimits.CostlyPages)]
    public async Task<IActionResult> ExportAsync([FromQuery] CommitmentListPageQuery query, [FromServices] SiteUrls urls, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest(ModelState);
        }

        var rows = await commitments.ExportAsync(query.ToFilter(), query.Sort, cancellationToken);
        var baseUrl = urls.BaseOf(Request);
        var csv = Csv.Write(
            ["id", "code", "title", "status", "progress_percent", "target_date", "overdue", "paragraphs", "action_lines", "stakeholders", "synthetic", "updated_at", "url", "voluntary", "scope_kind", "scope_regions", "scope_countries"],
            rows.Select(c => (IReadOnlyList<string?>)
            [
                c.Id.ToString(CultureInfo.InvariantCulture),
                c.Code,
                c.Title,
                PageFormat.StatusValue(c.Status),
                c.ProgressPercent?.ToString(CultureInfo.InvariantCulture) ?? "",
                PageFormat.IsoDate(c.TargetDate),
                c.IsOverdue ? "yes" : "no",
                string.Join("; ", c.Paragraphs.Select(p => $"{p.Resolution} {ParagraphAnchor.Label(p.Part, p.Kind, p.Number, p.Order, p.SubParagraph)}")),
                string.Join("; ", c.ActionLines),
                string.Join("; ", c.Stakeholders.Select(s => s.Name)),
                c.IsSynthetic ? "yes" : "no",
                PageFormat.IsoInstant(c.UpdatedAt),
                $"{baseUrl}/commitments/{c.Id}",
                c.IsVoluntary ? "yes" : "no",
                PageFormat.ScopeValue(c.Scope.Kind),
                string.Join("; ", c.Scope.Regions),
                string.Join("; ", c.Scope.Countries),
            ]));
        return File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", "commitments.csv");
    }

    [HttpGet("/commitments/{id:int}")]
    public async Task<IActionResult> ShowAsync(int id, [FromServices] IndicatorService indicators, [FromServices] CountryService countries, [FromServices] ProgressReportService reports, CancellationToken cancellationToken)
    {
        var detail = await commitments.GetAsync(id, cancellationToken);
        if (!detail.Succeeded)
        {
            return NotFoundPage(detail.Error);
        }

        var reportScopes = await reports.ApprovedScopesAsync(id, cancellationToken);
        return View("Show", new CommitmentViewModel(detail.Value)
        {
            Indicator = await indicators.ForCommitmentAsync(id, cancellationToken),
            ScopeNames = await countries.ScopeNamesAsync(reportScopes.Values.Append(detail.Value.Scope), cancellationToken),
            ReportScopes = reportScopes,
        });
    }
}
