using System.ComponentModel.DataAnnotations;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// The commitment filters as a query string binds them, with their bounds: one definition for the API's collection
/// and the commitments page, so a filter means the same thing in both.
/// </summary>
public abstract class CommitmentFilterQuery
{
    /// <summary>The bounds of <c>region</c> and <c>grouping</c>, shared with the dashboard's filters (<see cref="DashboardQuery"/>).</summary>
    public const string RegionPattern = "^[0-9]{3}$";

    public const string RegionMessage = "A region is a three-digit M49 code, such as 002 (Africa).";

    public const string GroupingPattern = "^(ldc|lldc|sids)$";

    public const string GroupingMessage = "A grouping is ldc, lldc or sids.";

    /// <summary>Resolution slug, e.g. <c>a-res-80-173</c>.</summary>
    [StringLength(Limits.Symbol)]
    public string? Resolution { get; init; }

    /// <summary>Action-line code; <c>C7</c> includes its sub-lines.</summary>
    [StringLength(Limits.ActionLineCode)]
    public string? ActionLine { get; init; }

    public CommitmentStatus? Status { get; init; }

    public StakeholderGroup? StakeholderGroup { get; init; }

    /// <summary>Stakeholder slug, e.g. <c>itu</c>.</summary>
    [StringLength(Limits.Slug)]
    public string? Stakeholder { get; init; }

    /// <summary>Operative paragraph number cited.</summary>
    [Range(1, 10_000)]
    public int? Paragraph { get; init; }

    /// <summary>Only overdue (true) or only not overdue (false) commitments.</summary>
    public bool? Overdue { get; init; }

    /// <summary>Only commitments in this reporting status (decision 085), e.g. <c>overdue</c>.</summary>
    public ReportingStatus? ReportingStatus { get; init; }

    /// <summary>Words to find in the title, description or code (case-insensitive).</summary>
    [StringLength(Limits.ShortText)]
    public string? Q { get; init; }

    /// <summary>Only commitments of a stakeholder whose country is in this M49 region, sub-region or intermediate region (three-digit code, e.g. <c>002</c> Africa), or whose geographic scope names a country in it, the area itself or an area within it.</summary>
    [RegularExpression(RegionPattern, ErrorMessage = RegionMessage)]
    public string? Region { get; init; }

    /// <summary>Only commitments of a stakeholder whose country is a member of this grouping today, or whose geographic scope names such a country: <c>ldc</c>, <c>lldc</c> or <c>sids</c>.</summary>
    [RegularExpression(GroupingPattern, ErrorMessage = GroupingMessage)]
    public string? Grouping { get; init; }

    /// <summary>The filter, with blank values treated as absent.</summary>
    protected CommitmentFilter Filter(DateTimeOffset? updatedSince = null) => new(
        Blank(Resolution), Blank(ActionLine), Status, StakeholderGroup, Blank(Stakeholder), Paragraph, Overdue, Blank(Q), updatedSince, ReportingStatus, Blank(Region), Blank(Grouping));

    protected static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The dashboard's filters (page and API): a resolution, an M49 area and a grouping, bounded as the list's are.</summary>
public sealed class DashboardQuery
{
    /// <summary>Only commitments citing this resolution (slug); all when omitted.</summary>
    [StringLength(Limits.Symbol)]
    public string? Resolution { get; init; }

    /// <summary>Only commitments of a stakeholder whose country is in this M49 region, sub-region or intermediate region (three-digit code, e.g. <c>002</c> Africa), or whose geographic scope names a country in it, the area itself or an area within it.</summary>
    [RegularExpression(CommitmentFilterQuery.RegionPattern, ErrorMessage = CommitmentFilterQuery.RegionMessage)]
    public string? Region { get; init; }

    /// <summary>Only commitments of a stakeholder whose country is a member of this grouping today, or whose geographic scope names such a country: <c>ldc</c>, <c>lldc</c> or <c>sids</c>.</summary>
    [RegularExpression(CommitmentFilterQuery.GroupingPattern, ErrorMessage = CommitmentFilterQuery.GroupingMessage)]
    public string? Grouping { get; init; }

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
