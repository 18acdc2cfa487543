using WsisTracker.Core.Auditing;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;

namespace WsisTracker.Core.Reports;

/// <summary>A report in a list: the contributor's own, or the review queue.</summary>
public sealed record ProgressReportSummary(
    int Id,
    int CommitmentId,
    string CommitmentCode,
    string CommitmentTitle,
    string StakeholderSlug,
    string StakeholderName,
    ReportState State,
    CommitmentStatus Status,
    int? ProgressPercent,
    DateOnly AsOf,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt,
    uint Version);

/// <summary>One kept version of a report's content. <see cref="Countries"/> repeats the scope's countries, as reports named them before they carried a scope (decision 131).</summary>
public sealed record ReportRevisionModel(int Number, CommitmentStatus Status, int? ProgressPercent, string? Narrative, IReadOnlyList<string> EvidenceLinks, DateOnly AsOf, IReadOnlyList<string> Countries, GeographicScopeModel Scope, string Author, DateTimeOffset CreatedAt);

public sealed record ReportEventModel(ReportState? From, ReportState To, int Revision, string? Comment, string Actor, ActorKind ActorKind, DateTimeOffset OccurredAt);

/// <summary>
/// A report with its content, every revision (newest first) and every transition (oldest first). Staff and the
/// reporting stakeholder's contributors only. <see cref="Countries"/> repeats the countries of a national
/// <see cref="Scope"/> (empty for the other kinds), as reports named them before they carried a scope (decision 131).
/// </summary>
public sealed record ProgressReportDetail(
    int Id,
    int CommitmentId,
    string CommitmentCode,
    string CommitmentTitle,
    int StakeholderId,
    string StakeholderSlug,
    string StakeholderName,
    ReportState State,
    CommitmentStatus Status,
    int? ProgressPercent,
    string? Narrative,
    IReadOnlyList<string> EvidenceLinks,
    DateOnly AsOf,
    IReadOnlyList<string> Countries,
    GeographicScopeModel Scope,
    int Revision,
    string? ReviewComment,
    long? ProgressUpdateId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt,
    IReadOnlyList<ReportRevisionModel> Revisions,
    IReadOnlyList<ReportEventModel> Events,
    uint Version)
{
    /// <summary>A contributor may still change it (a draft, or returned to them).</summary>
    public bool IsEditable => State is ReportState.Draft or ReportState.Returned;
}

/// <summary>A commitment a contributor's stakeholders lead or partner on, with those stakeholders and their reports on it (newest first).</summary>
public sealed record ContributorCommitment(
    int Id,
    string Code,
    string Title,
    CommitmentStatus Status,
    int? ProgressPercent,
    DateTimeOffset? WithdrawnAt,
    IReadOnlyList<ScopedStakeholder> Stakeholders,
    IReadOnlyList<ProgressReportSummary> Reports);

/// <summary>
/// What the report page of one commitment needs: the commitment as it stands, the stakeholders the principal may
/// report for there, and the open report (the one to continue), if there is one.
/// </summary>
public sealed record ReportingContext(CommitmentDetail Commitment, IReadOnlyList<ScopedStakeholder> Stakeholders, ProgressReportDetail? OpenReport, IReadOnlyList<ProgressReportSummary> Reports);

/// <summary>
/// A report beside the commitment it is about, as both stand now, and what approving it would do: null when
/// <see cref="Commitment.RecordProgress"/> would accept it now, else its refusal.
/// </summary>
public sealed record ReportReview(ProgressReportDetail Report, CommitmentDetail Commitment, Error? WouldRefuse);

/// <summary>The review queue's filters: a stakeholder slug and an action line code.</summary>
public sealed record ReviewFilter(string? Stakeholder = null, string? ActionLine = null);
