using WsisTracker.Core.Commitments;

namespace WsisTracker.Core.Reporting;

public enum CycleState
{
    Open,
    Closed,
}

/// <summary>Which commitments a cycle covers: those under every filter given; all when none is.</summary>
public sealed record CycleScope(string? Resolution, string? ActionLine, string? Stakeholder)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsAll => Resolution is null && ActionLine is null && Stakeholder is null;
}

/// <summary>A reporting cycle as lists show it.</summary>
public sealed record ReportingCycleSummary(
    int Id,
    string Name,
    DateOnly OpensOn,
    DateOnly DueOn,
    CycleScope Scope,
    CycleState State,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    uint Version);

/// <summary>
/// How many of the commitments a cycle expects a report on have one: <c>answered</c> counts every commitment with a
/// report recorded in the cycle, <c>late</c> those of them whose first report came after the due date.
/// </summary>
public sealed record ResponseRate(int Expected, int Answered, int Late)
{
    /// <summary>Answered as a whole percent of expected (0 when nothing is expected).</summary>
    public int Percent => Expected == 0 ? 0 : (int)Math.Round(100.0 * Answered / Expected, MidpointRounding.AwayFromZero);
}

/// <summary>The response rate of one stakeholder (by slug) or one action line (by code).</summary>
public sealed record ResponseRateRow(string Key, string Label, ResponseRate Rate);

/// <summary>A report that arrived in the cycle: an approved progress update, with the organisation that made it.</summary>
public sealed record CycleNarrative(
    DateOnly AsOf,
    DateTimeOffset RecordedAt,
    CommitmentStatus Status,
    int? ProgressPercent,
    string? Note,
    IReadOnlyList<string> EvidenceLinks,
    string Author,
    bool Late);

/// <summary>A lead stakeholder of a commitment: who the cycle expects the report from.</summary>
public sealed record CycleStakeholder(string Slug, string Name);

/// <summary>A commitment the cycle expects a report on, as it stood when the report was produced.</summary>
public sealed record CycleCommitment(
    int Id,
    string Code,
    string Title,
    CommitmentStatus Status,
    int? ProgressPercent,
    ReportingStatus ReportingStatus,
    DateOnly? LastReportedOn,
    DateOnly? NextReportDue,
    IReadOnlyList<string> ActionLines,
    IReadOnlyList<CycleStakeholder> Leads,
    IReadOnlyList<CycleNarrative> Reports)
{
    public bool Answered => Reports.Count > 0;

    /// <summary>Answered, but only after the due date.</summary>
    public bool Late => Reports.Count > 0 && Reports.All(r => r.Late);
}

/// <summary>One action line of the report: its commitments (by id, in code order) and its response rate.</summary>
public sealed record CycleActionLineSection(string Code, string Title, ResponseRate Rate, IReadOnlyList<int> CommitmentIds);

/// <summary>
/// The compiled input of a cycle: for an open cycle a draft computed now, for a closed one the snapshot stored at its
/// close, so the final report is produced identically whenever it is asked for.
/// </summary>
public sealed record CycleReport(
    int CycleId,
    string Name,
    DateOnly OpensOn,
    DateOnly DueOn,
    CycleScope Scope,
    bool IsFinal,
    DateTimeOffset ProducedAt,
    ResponseRate Overall,
    IReadOnlyList<ResponseRateRow> ByActionLine,
    IReadOnlyList<ResponseRateRow> ByStakeholder,
    IReadOnlyList<CycleActionLineSection> ActionLines,
    IReadOnlyList<CycleCommitment> Commitments)
{
    public IEnumerable<CycleCommitment> In(CycleActionLineSection section) =>
        section.CommitmentIds.Select(id => Commitments.First(c => c.Id == id));

    public IEnumerable<CycleCommitment> NotAnswered => Commitments.Where(c => !c.Answered);

    public IEnumerable<CycleCommitment> ArrivedLate => Commitments.Where(c => c.Late);
}

/// <summary>A commitment named in a cycle's lists of who has not answered or answered late.</summary>
public sealed record CycleCommitmentRef(int Id, string Code, string Title, IReadOnlyList<string> Leads, DateTimeOffset? FirstReportAt);

/// <summary>A reporting cycle with its response rates, who has not answered and what arrived late.</summary>
public sealed record ReportingCycleDetail(
    int Id,
    string Name,
    DateOnly OpensOn,
    DateOnly DueOn,
    CycleScope Scope,
    CycleState State,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    ResponseRate ResponseRate,
    IReadOnlyList<ResponseRateRow> ByStakeholder,
    IReadOnlyList<ResponseRateRow> ByActionLine,
    IReadOnlyList<CycleCommitmentRef> NotAnswered,
    IReadOnlyList<CycleCommitmentRef> Late,
    uint Version);

/// <summary>What an open cycle expects of a stakeholder: the cycle, and its commitments still without a report.</summary>
public sealed record CycleExpectation(ReportingCycleSummary Cycle, IReadOnlyList<CycleCommitmentRef> Awaiting, int Answered);

/// <summary>What the secretariat gives to open a cycle; blank scope filters mean all commitments.</summary>
public sealed record OpenCycleInput(string? Name, DateOnly? OpensOn, DateOnly? DueOn, string? Resolution, string? ActionLine, string? Stakeholder);
