using WsisTracker.Core.Auditing;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Core.Reports;

/// <summary>Where a progress report stands. Approved and rejected are final.</summary>
public enum ReportState
{
    Draft,
    Submitted,
    Approved,
    Returned,
    Rejected,
}

/// <summary>
/// A stakeholder's report of progress on a commitment it leads or partners on, written by one of its contributors
/// and reviewed by the secretariat: <c>draft</c> → <c>submitted</c> → <c>approved</c> (it becomes the commitment's
/// progress update, by <see cref="Commitment.RecordProgress"/> against the commitment as it is then) or
/// <c>returned</c> (with the reviewer's comment; the contributor revises, which makes it a draft again, and submits)
/// or <c>rejected</c> (with a reason). Each revision of the content is kept (<see cref="ProgressReportRevision"/>),
/// and each transition is recorded with who and when (<see cref="ProgressReportEvent"/>). The transitions' rules are
/// here; who may ask for them is <see cref="ProgressReportService"/>'s.
/// </summary>
public sealed class ProgressReport : IVersioned
{
    public int Id { get; set; }

    public int CommitmentId { get; set; }

    public Commitment? Commitment { get; set; }

    /// <summary>The organisation that reports: the public author of the progress update it becomes.</summary>
    public int StakeholderId { get; set; }

    public Stakeholder? Stakeholder { get; set; }

    public ReportState State { get; private set; }

    public CommitmentStatus Status { get; private set; }

    public int? ProgressPercent { get; private set; }

    public string? Narrative { get; private set; }

    public List<string> EvidenceLinks { get; private set; } = [];

    public DateOnly AsOf { get; private set; }

    /// <summary>The kind of the report's geographic scope: where the work it reports on was done (decision 131).</summary>
    public GeographicScopeKind ScopeKind { get; private set; }

    /// <summary>The M49 codes of the regions a regional scope covers, sorted; empty otherwise.</summary>
    public List<string> ScopeRegions { get; private set; } = [];

    /// <summary>The ISO 3166-1 alpha-3 codes of the countries a national scope covers, sorted; empty otherwise.</summary>
    public List<string> Countries { get; private set; } = [];

    /// <summary>The number of the current revision (1 for the first draft).</summary>
    public int Revision { get; private set; }

    /// <summary>The reviewer's latest comment (a return) or reason (a rejection).</summary>
    public string? ReviewComment { get; private set; }

    /// <summary>The progress update the approval recorded.</summary>
    public long? ProgressUpdateId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    /// <summary>Optimistic concurrency token, mapped to PostgreSQL's <c>xmin</c>.</summary>
    public uint Version { get; set; }

    public List<ProgressReportRevision> Revisions { get; set; } = [];

    public List<ProgressReportEvent> Events { get; set; } = [];

    /// <summary>The states in which a report is still open: an organisation has at most one open report per commitment.</summary>
    public static readonly IReadOnlyList<ReportState> OpenStates = [ReportState.Draft, ReportState.Submitted, ReportState.Returned];

    /// <summary>A first draft of <paramref name="content"/>, already checked (<see cref="ProgressReportService"/>).</summary>
    public static ProgressReport Draft(int commitmentId, int stakeholderId, ReportContent content, ReportActor who, DateTimeOffset now)
    {
        var report = new ProgressReport { CommitmentId = commitmentId, StakeholderId = stakeholderId, CreatedAt = now, State = ReportState.Draft };
        report.SetContent(content, who, now);
        report.Record(null, ReportState.Draft, null, who, now);
        return report;
    }

    /// <summary>Revises the content: a draft stays a draft, a returned report becomes one again. Earlier revisions stay.</summary>
    public Result<ProgressReport> Revise(ReportContent content, ReportActor who, DateTimeOffset now)
    {
        if (State is not (ReportState.Draft or ReportState.Returned))
        {
            return StateError("revised", "a draft or a returned report");
        }

        SetContent(content, who, now);
        if (State == ReportState.Returned)
        {
            Record(ReportState.Returned, ReportState.Draft, null, who, now);
        }

        return this;
    }

    public Result<ProgressReport> Submit(ReportActor who, DateTimeOffset now)
    {
        if (State != ReportState.Draft)
        {
            return StateError("submitted", "a draft");
        }

        SubmittedAt = now;
        return Record(ReportState.Draft, ReportState.Submitted, null, who, now);
    }

    /// <summary>Marks the report approved once its progress update <paramref name="progressUpdateId"/> is recorded.</summary>
    public Result<ProgressReport> Approve(long progressUpdateId, ReportActor who, DateTimeOffset now)
    {
        if (State != ReportState.Submitted)
        {
            return StateError("approved", "a submitted report");
        }

        ProgressUpdateId = progressUpdateId;
        ReviewComment = null;
        return Record(ReportState.Submitted, ReportState.Approved, null, who, now);
    }

    /// <summary>Returns the report to its contributors with a comment that says what to change.</summary>
    public Result<ProgressReport> Return(string? comment, ReportActor who, DateTimeOffset now) =>
        Decide(ReportState.Returned, comment, "comment", "Say what the contributor should change", "returned", who, now);

    /// <summary>Rejects the report for good, with a reason.</summary>
    public Result<ProgressReport> Reject(string? reason, ReportActor who, DateTimeOffset now) =>
        Decide(ReportState.Rejected, reason, "reason", "Say why the report is rejected", "rejected", who, now);

    /// <summary>What <see cref="Commitment.RecordProgress"/> is asked to record for this report.</summary>
    public RecordProgressInput ToProgressInput() => new(Status, ProgressPercent, Narrative, EvidenceLinks, AsOf);

    public static string StateLabel(ReportState state) => state switch
    {
        ReportState.Draft => "draft",
        ReportState.Submitted => "submitted",
        ReportState.Approved => "approved",
        ReportState.Returned => "returned",
        ReportState.Rejected => "rejected",
        _ => state.ToString(),
    };

    private Result<ProgressReport> Decide(ReportState to, string? text, string field, string ask, string verb, ReportActor who, DateTimeOffset now)
    {
        if (State != ReportState.Submitted)
        {
            return StateError(verb, "a submitted report");
        }

        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > Limits.Note)
        {
            return Error.Validation(field, $"{ask}, in at most {Limits.Note} characters.");
        }

        if (!PlainText.IsValid(trimmed))
        {
            return Error.Validation(field, PlainText.Problem);
        }

        ReviewComment = trimmed;
        return Record(ReportState.Submitted, to, trimmed, who, now);
    }

    private void SetContent(ReportContent content, ReportActor who, DateTimeOffset now)
    {
        Status = content.Status;
        ProgressPercent = content.ProgressPercent;
        Narrative = content.Narrative;
        EvidenceLinks = [.. content.EvidenceLinks];
        AsOf = content.AsOf;
        ScopeKind = content.Scope.Kind;
        ScopeRegions = [.. content.Scope.Regions];
        Countries = [.. content.Scope.Countries];
        Revision++;
        UpdatedAt = now;
        Revisions.Add(new ProgressReportRevision
        {
            Number = Revision,
            Status = Status,
            ProgressPercent = ProgressPercent,
            Narrative = Narrative,
            EvidenceLinks = [.. EvidenceLinks],
            AsOf = AsOf,
            ScopeKind = ScopeKind,
            ScopeRegions = [.. ScopeRegions],
            Countries = [.. Countries],
            Author = who.Name,
            CreatedAt = now,
        });
    }

    private ProgressReport Record(ReportState? from, ReportState to, string? comment, ReportActor who, DateTimeOffset now)
    {
        State = to;
        UpdatedAt = now;
        Events.Add(new ProgressReportEvent { From = from, To = to, Revision = Revision, Comment = comment, Actor = who.Name, ActorKind = who.Kind, OccurredAt = now });
        return this;
    }

    private Error StateError(string verb, string what) =>
        new(ErrorKind.Conflict, "report-state", $"The report is {StateLabel(State)}; only {what} can be {verb}.");
}

/// <summary>Who did something to a report, as the audit names them (a sign-in e-mail or <c>api-key:&lt;name&gt;</c>).</summary>
public sealed record ReportActor(string Name, ActorKind Kind);

/// <summary>One kept version of a report's content.</summary>
public sealed class ProgressReportRevision
{
    public long Id { get; set; }

    public int ReportId { get; set; }

    public int Number { get; set; }

    public CommitmentStatus Status { get; set; }

    public int? ProgressPercent { get; set; }

    public string? Narrative { get; set; }

    public List<string> EvidenceLinks { get; set; } = [];

    public DateOnly AsOf { get; set; }

    public GeographicScopeKind ScopeKind { get; set; }

    public List<string> ScopeRegions { get; set; } = [];

    public List<string> Countries { get; set; } = [];

    /// <summary>Who wrote it: staff only, never public.</summary>
    public required string Author { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One transition of a report: from which state to which, at which revision, by whom, when, and the comment.</summary>
public sealed class ProgressReportEvent
{
    public long Id { get; set; }

    public int ReportId { get; set; }

    /// <summary>Null for the creation of the first draft.</summary>
    public ReportState? From { get; set; }

    public ReportState To { get; set; }

    public int Revision { get; set; }

    public string? Comment { get; set; }

    /// <summary>Who: staff only, never public.</summary>
    public required string Actor { get; set; }

    public ActorKind ActorKind { get; set; }

    public DateTimeOffset OccurredAt { get; set; }
}

/// <summary>
/// What a contributor reports. <see cref="ProgressPercent"/>, evidence and the narrative follow the commitment's rules.
/// <see cref="Countries"/> is the field reports had before they carried a scope; <see cref="ReportContent.ScopeOf"/>
/// says how it and <see cref="Scope"/> make the report's scope.
/// </summary>
public sealed record ReportInput(
    CommitmentStatus Status,
    int? ProgressPercent,
    string? Narrative,
    IReadOnlyList<string>? EvidenceLinks,
    DateOnly AsOf,
    IReadOnlyList<string>? Countries)
{
    public GeographicScopeInput? Scope { get; init; }
}

/// <summary>A report's content, cleaned: trimmed narrative, distinct links, and its geographic scope checked by <see cref="GeographicScope.Validate"/>.</summary>
public sealed record ReportContent(
    CommitmentStatus Status,
    int? ProgressPercent,
    string? Narrative,
    IReadOnlyList<string> EvidenceLinks,
    DateOnly AsOf,
    GeographicScope Scope)
{
    public const string CountriesField = "countries";

    /// <summary>
    /// How a report's <c>countries</c> and its <c>scope</c> make one scope (decision 131): a scope alone is the
    /// scope; countries alone are a national scope of those countries, or a global one when they name none; neither
    /// is global. Given both, the countries must be the scope's countries (in any order or case, repeats aside): else
    /// the problem is under <see cref="CountriesField"/> and there is no scope to check. <c>FromCountries</c> says the
    /// scope came from the countries alone, whose problems are then theirs.
    /// </summary>
    public static (GeographicScopeInput Scope, bool FromCountries)? ScopeOf(ReportInput input, FieldErrors errors)
    {
        if (input.Scope is not { } scope)
        {
            var countries = GeographicScope.CodesOf(new GeographicScopeInput(null, [], input.Countries)).Countries;
            return countries.Count == 0
                ? (new GeographicScopeInput(GeographicScopeKind.Global, [], []), false)
                : (new GeographicScopeInput(GeographicScopeKind.National, [], input.Countries), true);
        }

        if (input.Countries is { } given
            && !GeographicScope.CodesOf(new GeographicScopeInput(null, [], given)).Countries.SequenceEqual(GeographicScope.CodesOf(scope).Countries, StringComparer.Ordinal))
        {
            errors.Add(CountriesField, "The countries and the scope's countries differ: give the countries in the scope only, or the same ones in both.");
            return null;
        }

        return (scope, false);
    }

    /// <summary>The content of <paramref name="input"/> with its checked scope. Everything but the scope is <see cref="Commitment.RecordProgress"/>'s to check, against the commitment as it stands.</summary>
    public static ReportContent From(ReportInput input, GeographicScope scope)
    {
        var narrative = string.IsNullOrWhiteSpace(input.Narrative) ? null : input.Narrative.Trim();
        var links = (input.EvidenceLinks ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).Distinct(StringComparer.Ordinal).ToList();
        return new ReportContent(input.Status, input.ProgressPercent, narrative, links, input.AsOf, scope);
    }

    public RecordProgressInput ToProgressInput() => new(Status, ProgressPercent, Narrative, EvidenceLinks, AsOf);
}
