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
    int SyntheticCount);

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
