using System.ComponentModel.DataAnnotations;
using WsisTracker.Core.ActionLines;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Dashboard;
using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Search;
using WsisTracker.Core.Stakeholders;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Models;

public sealed record DashboardViewModel(DashboardModel Dashboard)
{
    /// <summary>The M49 areas the region filter offers (every level but the world).</summary>
    public IReadOnlyList<WsisTracker.Core.Countries.RegionModel> Regions { get; init; } = [];

    /// <summary>The day the grouping filter reads memberships for.</summary>
    public DateOnly GroupingsAsOf { get; init; }

    /// <summary>The filters as a query-string tail (<c>&amp;resolution=...&amp;region=...</c>) for links to the list.</summary>
    public string Scope =>
        (Dashboard.Resolution is { } r ? $"&resolution={Uri.EscapeDataString(r)}" : "")
        + (Dashboard.Region is { } g ? $"&region={g}" : "")
        + (Dashboard.Grouping is { } p ? $"&grouping={p}" : "");
}

public sealed record ActionLineViewModel(ActionLineOverview Overview);

public sealed record ReaderViewModel(ResolutionReader Reader, IReadOnlyList<ResolutionSummary> Resolutions);

public sealed record CommitmentViewModel(CommitmentDetail Commitment)
{
    /// <summary>The indicator its measurable target is read on, with the latest aggregates; none without a link.</summary>
    public WsisTracker.Core.Indicators.CommitmentIndicator? Indicator { get; init; }

    /// <summary>The names of the regions or countries its geographic scope and its reports' scopes name, by code.</summary>
    public IReadOnlyDictionary<string, WsisTracker.Core.Countries.LocalizedNames> ScopeNames { get; init; } = new Dictionary<string, WsisTracker.Core.Countries.LocalizedNames>();

    /// <summary>The geographic scope of the approved report behind each progress update that came from one, by the update's id.</summary>
    public IReadOnlyDictionary<long, GeographicScopeModel> ReportScopes { get; init; } = new Dictionary<long, GeographicScopeModel>();
}

/// <summary>A geographic scope to show in words (<c>_ScopeText</c>), with the names of the codes it names where they are known.</summary>
public sealed record ScopeText(GeographicScopeModel Scope, IReadOnlyDictionary<string, WsisTracker.Core.Countries.LocalizedNames> Names);

/// <summary>The geographic scope fieldset of a form (<c>_ScopeFieldset</c>, the commitment's and the report's): the scope as typed and the M49 areas to choose from.</summary>
public sealed record ScopeFieldset(WsisTracker.Web.Areas.Workspace.Controllers.ScopeForm Form, IReadOnlyList<WsisTracker.Core.Countries.RegionModel> Regions);

public sealed record StakeholdersViewModel(IReadOnlyList<StakeholderListItem> Stakeholders);

public sealed record StakeholderViewModel(StakeholderProfile Profile);

public sealed record SearchViewModel(SearchResults Results);

/// <summary>The commitment list: the filters as bound, the page of results (null when a filter was invalid) and the choices for the form.</summary>
public sealed record CommitmentListViewModel(
    CommitmentListPageQuery Query,
    PagedResult<CommitmentSummary>? Page,
    IReadOnlyList<ResolutionSummary> Resolutions,
    IReadOnlyList<ActionLineModel> ActionLines,
    IReadOnlyList<StakeholderModel> Stakeholders)
{
    /// <summary>The M49 areas for the region filter (the world left out).</summary>
    public IReadOnlyList<WsisTracker.Core.Countries.RegionModel> Regions { get; init; } = [];

    /// <summary>The day the grouping filter reads memberships for: today.</summary>
    public DateOnly GroupingsAsOf { get; init; }
}

/// <summary>The query string of <c>/commitments</c> and its CSV export; the URL holds the whole view.</summary>
public sealed class CommitmentListPageQuery : CommitmentFilterQuery
{
    public const int PageSize = 25;

    public CommitmentPageOrder Sort { get; init; } = CommitmentPageOrder.Id;

    [Range(1, PagedResult<CommitmentSummary>.MaxPage)]
    public int Page { get; init; } = 1;

    public CommitmentFilter ToFilter() => Filter();

    /// <summary>The query string of this view with some values replaced (e.g. another page), for links and the export.</summary>
    public string QueryString(int? page = null, bool includePage = true)
    {
        var pairs = new List<(string, string)>();
        Add(pairs, "resolution", Blank(Resolution));
        Add(pairs, "actionLine", Blank(ActionLine));
        Add(pairs, "status", Status is { } s ? char.ToLowerInvariant(s.ToString()[0]) + s.ToString()[1..] : null);
        Add(pairs, "stakeholderGroup", StakeholderGroup is { } g ? char.ToLowerInvariant(g.ToString()[0]) + g.ToString()[1..] : null);
        Add(pairs, "stakeholder", Blank(Stakeholder));
        Add(pairs, "paragraph", Paragraph?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(pairs, "overdue", Overdue is { } o ? (o ? "true" : "false") : null);
        Add(pairs, "reportingStatus", ReportingStatus is { } r ? char.ToLowerInvariant(r.ToString()[0]) + r.ToString()[1..] : null);
        Add(pairs, "region", Blank(Region));
        Add(pairs, "grouping", Blank(Grouping));
        Add(pairs, "q", Blank(Q));
        Add(pairs, "sort", Sort == CommitmentPageOrder.Id ? null : Sort.ToString());
        if (includePage)
        {
            var p = page ?? Page;
            Add(pairs, "page", p == 1 ? null : p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return pairs.Count == 0 ? "" : "?" + string.Join("&", pairs.Select(x => $"{x.Item1}={Uri.EscapeDataString(x.Item2)}"));
    }

    private static void Add(List<(string, string)> pairs, string name, string? value)
    {
        if (value is not null)
        {
            pairs.Add((name, value));
        }
    }
}

/// <summary>A horizontal bar chart drawn as SVG on the server, with its figures repeated in a table.</summary>
public sealed record BarChart(string Id, string Title, string ValueHeading, IReadOnlyList<Bar> Bars, int Max);

/// <summary>
/// One bar: its label in the table, the value drawn, the words that state the value (the chart never relies on
/// colour), an optional link, and an optional shorter label for the chart itself (e.g. the action-line code).
/// </summary>
public sealed record Bar(string Label, int Value, string ValueText, string? Href = null, string? ChartLabel = null);

public sealed record NotFoundViewModel(string Message);

/// <summary>A table of response rates (by stakeholder or action line) with its caption.</summary>
public sealed record ResponseRatesTable(string Id, string Caption, string KeyHeading, IReadOnlyList<WsisTracker.Core.Reporting.ResponseRateRow> Rows, bool ShowKey = false);

/// <summary>The countries page: every country with its groupings on the list's date, and the M49 areas to group them by.</summary>
public sealed record CountriesViewModel(WsisTracker.Core.Countries.CountryList List, IReadOnlyList<WsisTracker.Core.Countries.RegionModel> Regions);

/// <summary>A country's page.</summary>
public sealed record CountryViewModel(WsisTracker.Core.Countries.CountryPage Page);
