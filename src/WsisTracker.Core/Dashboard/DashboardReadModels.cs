using WsisTracker.Core.Commitments;
using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Core.Dashboard;

/// <summary>Everything the dashboard shows, under an optional resolution filter.</summary>
public sealed record DashboardModel(
    string? Resolution,
    IReadOnlyList<ResolutionSummary> Resolutions,
    StatusCounts Totals,
    IReadOnlyList<ActionLineProgress> ActionLines,
    IReadOnlyList<GroupProgress> StakeholderGroups,
    IReadOnlyList<CommitmentSummary> Overdue,
    IReadOnlyList<RecentUpdate> RecentlyUpdated,
    DateTimeOffset? LastChanged,
    int SyntheticCount)
{
    /// <summary>The M49 area the figures are limited to (commitments of a stakeholder whose country is in it, or whose geographic scope is), if any.</summary>
    public string? Region { get; init; }

    /// <summary>The grouping the figures are limited to (ldc, lldc, sids), if any; membership as of <see cref="GroupingsAsOf"/>.</summary>
    public string? Grouping { get; init; }

    /// <summary>The day grouping memberships were read for; set when <see cref="Grouping"/> is.</summary>
    public DateOnly? GroupingsAsOf { get; init; }
}

/// <summary>The commitments of one action line (a C7 sub-line counts for itself and for C7).</summary>
public sealed record ActionLineProgress(string Code, string Title, bool IsSubLine, int Total, int Achieved, int Overdue, int AverageProgress)
{
    /// <summary>The same commitments by reporting status.</summary>
    public ReportingCounts Reporting { get; init; } = ReportingCounts.None;
}

public sealed record GroupProgress(StakeholderGroup Group, int Total, int Achieved, int Overdue, int AverageProgress)
{
    /// <summary>The same commitments by reporting status.</summary>
    public ReportingCounts Reporting { get; init; } = ReportingCounts.None;
}

/// <summary>A progress update as lists and feeds show it.</summary>
public sealed record RecentUpdate(
    long Id,
    int CommitmentId,
    string CommitmentCode,
    string CommitmentTitle,
    CommitmentStatus Status,
    int? ProgressPercent,
    string? Note,
    IReadOnlyList<string> EvidenceLinks,
    DateOnly AsOf,
    string Author,
    DateTimeOffset RecordedAt,
    bool IsSynthetic);
