using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Core.Commitments;

/// <summary>Where a commitment comes from: a paragraph of a stored resolution.</summary>
public sealed record ParagraphCitation(string Resolution, string ResolutionSlug, ParagraphKind Kind, int? Number, int Order)
{
    /// <summary>The annex key of the cited paragraph, or null for the resolution's own.</summary>
    public string? Part { get; init; }

    /// <summary>
    /// The sub-paragraph cited, its labels joined by hyphens ("b" for (b), "b-ii" for (b) (ii)), or null when the
    /// whole paragraph is cited. The reader's anchor of it is the paragraph's followed by these labels (#annex-p13-b).
    /// </summary>
    public string? SubParagraph { get; init; }
}

public sealed record CitedParagraph(string Resolution, string ResolutionSlug, ParagraphKind Kind, int? Number, int Order, string Text)
{
    /// <summary>The annex key of the cited paragraph, or null for the resolution's own.</summary>
    public string? Part { get; init; }

    /// <summary>
    /// The sub-paragraph cited, its labels joined by hyphens ("b" for (b), "b-ii" for (b) (ii)), or null when the
    /// whole paragraph is cited. The reader's anchor of it is the paragraph's followed by these labels (#annex-p13-b).
    /// </summary>
    public string? SubParagraph { get; init; }
}

public sealed record CommitmentActionLineModel(string Code, string Title);

public sealed record CommitmentStakeholderModel(int Id, string Slug, string Name, string? Acronym, StakeholderGroup Group, StakeholderRole Role);

public sealed record ProgressUpdateModel(
    long Id,
    CommitmentStatus Status,
    int? ProgressPercent,
    string? Note,
    IReadOnlyList<string> EvidenceLinks,
    DateOnly AsOf,
    string Author,
    DateTimeOffset RecordedAt);

public sealed record MilestoneModel(string Title, DateOnly? DueDate, DateOnly? CompletedDate);

public sealed record LineageModel(int Id, string Code, string Title, string Resolution, LineageKind Kind, string Evidence);

/// <summary>The reporting fields of a commitment's read models (decision 085), computed in their projection.</summary>
public abstract record CommitmentReportingFields
{
    /// <summary>Whether its reports arrive as its reporting cadence asks (decision 085), apart from <c>status</c>.</summary>
    public ReportingStatus ReportingStatus { get; init; }

    /// <summary>The as-of date of its latest report (progress update); null when nobody has reported on it yet.</summary>
    public DateOnly? LastReportedOn { get; init; }

    /// <summary>When its next report is expected; null when none is (a one-off report received, or not applicable).</summary>
    public DateOnly? NextReportDue { get; init; }

    /// <summary>The reporting fields as one value.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ReportingSchedule Reporting
    {
        get => new(ReportingStatus, LastReportedOn, NextReportDue);
        init => (ReportingStatus, LastReportedOn, NextReportDue) = (value.Status, value.LastReportedOn, value.NextReportDue);
    }
}

public sealed record CommitmentSummary(
    int Id,
    string Code,
    string Title,
    CommitmentStatus Status,
    int? ProgressPercent,
    DateOnly? TargetDate,
    bool IsOverdue,
    ReportingCadence? ReportingCadence,
    IReadOnlyList<ParagraphCitation> Paragraphs,
    IReadOnlyList<string> ActionLines,
    IReadOnlyList<CommitmentStakeholderModel> Stakeholders,
    bool IsSynthetic,
    DateTimeOffset? WithdrawnAt,
    DateTimeOffset UpdatedAt) : CommitmentReportingFields
{
    /// <summary>Proposed by a stakeholder rather than read from a resolution (decision 081).</summary>
    public bool IsVoluntary { get; init; }

    /// <summary>Where it applies (decision 113); in list items and the list's CSV forms too, so readers filtering by region see why a commitment matched (decision 132).</summary>
    public GeographicScopeModel Scope { get; init; } = GeographicScopeModel.Global;
}

public sealed record CommitmentDetail(
    int Id,
    string Code,
    string Title,
    string Description,
    CommitmentStatus Status,
    int? ProgressPercent,
    DateOnly? TargetDate,
    string? TargetDateText,
    bool IsOverdue,
    ReportingCadence? ReportingCadence,
    IReadOnlyList<CitedParagraph> Paragraphs,
    IReadOnlyList<CommitmentActionLineModel> ActionLines,
    IReadOnlyList<CommitmentStakeholderModel> Stakeholders,
    IReadOnlyList<MilestoneModel> Milestones,
    IReadOnlyList<ProgressUpdateModel> ProgressHistory,
    IReadOnlyList<LineageModel> Continues,
    IReadOnlyList<LineageModel> ContinuedBy,
    bool IsSynthetic,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawalReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version) : CommitmentReportingFields
{
    /// <summary>Proposed by a stakeholder rather than read from a resolution (decision 081).</summary>
    public bool IsVoluntary { get; init; }

    /// <summary>A voluntary commitment the secretariat has not published yet; only its proposer and the secretariat see it.</summary>
    public bool IsProposed { get; init; }

    /// <summary>The id of the stakeholder that proposed a voluntary commitment; null for the others.</summary>
    public int? ProposedBy { get; init; }

    /// <summary>Where it applies: global, or the M49 regions or the countries it covers (decision 113).</summary>
    public GeographicScopeModel Scope { get; init; } = GeographicScopeModel.Global;
    /// <summary>The indicator its measurable target is read on, with the target value and year; null when it has none.</summary>
    public WsisTracker.Core.Indicators.IndicatorLink? Indicator { get; init; }
}

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    /// <summary>
    /// The highest page number any numbered list accepts: <c>(page - 1) * size</c> stays far from overflowing into a
    /// negative OFFSET for every page size up to 200, and no one reads past page 100,000 by hand.
    /// </summary>
    public const int MaxPage = 100_000;
}

/// <summary>Filters of the commitment list; every one optional.</summary>
public sealed record CommitmentFilter(
    string? Resolution = null,
    string? ActionLine = null,
    CommitmentStatus? Status = null,
    StakeholderGroup? StakeholderGroup = null,
    string? Stakeholder = null,
    int? Paragraph = null,
    bool? Overdue = null,
    string? Q = null,
    DateTimeOffset? UpdatedSince = null,
    ReportingStatus? ReportingStatus = null,
    string? Region = null,
    string? Grouping = null);

/// <summary>
/// Orders of the keyset list. Each sorts on a key that never changes (id, code, creation time, then id), so walking
/// the pages returns every commitment exactly once even while commitments are edited.
/// </summary>
public enum CommitmentKeysetOrder
{
    Id,
    IdDescending,
    Code,
    CodeDescending,
    CreatedAt,
    CreatedAtDescending,
}

/// <summary>A keyset page: the items, the count under the filters, and the cursor of the next page (null on the last).</summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, int TotalCount, string? Next);

/// <summary>Orders of the commitment list pages (page numbers); every one ends on the id, so pages are stable.</summary>
public enum CommitmentPageOrder
{
    Id,
    Title,
    TargetDate,
    Status,
    Progress,
    RecentlyUpdated,
}

/// <summary>How many commitments stand in each status, with the overdue count, under a filter.</summary>
public sealed record StatusCounts(IReadOnlyDictionary<CommitmentStatus, int> ByStatus, int Overdue, int? AverageProgress)
{
    /// <summary>The same commitments by reporting status (decision 085).</summary>
    public ReportingCounts Reporting { get; init; } = ReportingCounts.None;

    /// <summary>Of the <c>notStarted</c> commitments, those nobody has reported on: "no report yet", not "not started".</summary>
    public int NotStartedWithoutReport { get; init; }

    public int Total => ByStatus.Values.Sum();

    public int Count(CommitmentStatus status) => ByStatus.GetValueOrDefault(status);
}
