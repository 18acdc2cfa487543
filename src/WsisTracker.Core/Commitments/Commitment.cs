using System.Linq.Expressions;
using WsisTracker.Core.ActionLines;
using WsisTracker.Core.Common;
using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Core.Commitments;

/// <summary>
/// Something a resolution asks someone to do, followed over time. Its status and progress change only through
/// <see cref="RecordProgress"/>, which enforces the rules and appends to the history.
/// </summary>
public sealed class Commitment
{
    public int Id { get; set; }

    /// <summary>Stable key (e.g. <c>70-125-p63-igf-mandate-extension</c>) that seeding and imports match on.</summary>
    public required string Code { get; set; }

    public required string Title { get; set; }

    public required string Description { get; set; }

    public DateOnly? TargetDate { get; set; }

    /// <summary>The words of the resolution that give the target date, e.g. "by 2020".</summary>
    public string? TargetDateText { get; set; }

    public ReportingCadence? ReportingCadence { get; set; }

    public CommitmentStatus Status { get; private set; } = CommitmentStatus.NotStarted;

    public int? ProgressPercent { get; private set; }

    /// <summary>The as-of date of the latest progress update; later updates may not be dated before it.</summary>
    public DateOnly? LastProgressAsOf { get; private set; }

    public bool IsSynthetic { get; set; }

    /// <summary>When the commitment was withdrawn; it stays, with its history, but takes no more updates or edits.</summary>
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public string? WithdrawalReason { get; private set; }

    public List<Milestone> Milestones { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token, mapped to PostgreSQL's <c>xmin</c>.</summary>
    public uint Version { get; set; }

    public List<CommitmentParagraph> Paragraphs { get; set; } = [];

    public List<CommitmentActionLine> ActionLines { get; set; } = [];

    public List<CommitmentStakeholder> Stakeholders { get; set; } = [];

    public List<ProgressUpdate> ProgressUpdates { get; set; } = [];

    /// <summary>Links from this commitment to earlier ones it continues, replaces or completes.</summary>
    public List<CommitmentLineage> Lineage { get; set; } = [];

    /// <summary>
    /// Records a progress update and moves the commitment's status and progress to it. The rules, each kept here
    /// so that pages, API and imports cannot disagree:
    /// <list type="bullet">
    /// <item>progress is a whole percent in 0..100;</item>
    /// <item>the as-of date is not in the future and not before the latest recorded update (history stays in order);</item>
    /// <item>a change to <c>offTrack</c> or <c>discontinued</c>, and any fall in progress, needs a note that explains it;</item>
    /// <item><c>achieved</c> means 100 % (given as 100 or left empty); <c>notStarted</c> means no progress;</item>
    /// <item>once work has started a commitment never returns to <c>notStarted</c>; an achieved or discontinued
    /// commitment is reopened only with a note;</item>
    /// <item>evidence links are absolute http(s) URLs, at most <see cref="Limits.EvidenceLinks"/>.</item>
    /// </list>
    /// </summary>
    public Result<ProgressUpdate> RecordProgress(RecordProgressInput input, string author, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (WithdrawnAt is not null)
        {
            return WithdrawnError();
        }

        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        var progress = input.ProgressPercent;
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        if (!Enum.IsDefined(input.Status))
        {
            errors.Add(nameof(input.Status), "Status is not one of the known statuses.");
        }

        if (progress is < 0 or > 100)
        {
            errors.Add(nameof(input.ProgressPercent), "Progress must be between 0 and 100 percent.");
        }

        if (input.Status == CommitmentStatus.Achieved)
        {
            if (progress is not null and not 100)
            {
                errors.Add(nameof(input.ProgressPercent), "An achieved commitment is at 100 percent.");
            }

            progress = 100;
        }

        if (input.Status == CommitmentStatus.NotStarted && progress is > 0)
        {
            errors.Add(nameof(input.ProgressPercent), "A commitment that has not started has no progress.");
        }

        if (input.AsOf > today)
        {
            errors.Add(nameof(input.AsOf), "The as-of date cannot be in the future.");
        }
        else if (LastProgressAsOf is { } last && input.AsOf < last)
        {
            errors.Add(nameof(input.AsOf), $"The as-of date cannot be before the latest update ({last:yyyy-MM-dd}).");
        }

        if (note is null && input.Status is CommitmentStatus.OffTrack or CommitmentStatus.Discontinued && input.Status != Status)
        {
            errors.Add(nameof(input.Note), $"A change to {StatusLabel(input.Status)} needs a note that explains it.");
        }

        if (note is null && progress is { } p && ProgressPercent is { } current && p < current)
        {
            errors.Add(nameof(input.Note), "A fall in progress needs a note that explains it.");
        }

        if (input.Status == CommitmentStatus.NotStarted && Status != CommitmentStatus.NotStarted)
        {
            errors.Add(nameof(input.Status), $"A commitment that is {StatusLabel(Status)} cannot go back to not started.");
        }

        if (note is null && Status is CommitmentStatus.Achieved or CommitmentStatus.Discontinued && input.Status != Status)
        {
            errors.Add(nameof(input.Note), $"Reopening a commitment that is {StatusLabel(Status)} needs a note that explains it.");
        }

        if (note is { Length: > Limits.Note })
        {
            errors.Add(nameof(input.Note), $"The note can be at most {Limits.Note} characters.");
        }

        var evidence = ValidateEvidence(input.EvidenceLinks, errors);

        if (errors.Any)
        {
            return errors.ToError();
        }

        var update = new ProgressUpdate
        {
            Status = input.Status,
            ProgressPercent = progress,
            Note = note,
            EvidenceLinks = evidence,
            AsOf = input.AsOf,
            Author = author,
            RecordedAt = now,
        };
        ProgressUpdates.Add(update);
        Status = input.Status;
        ProgressPercent = progress;
        LastProgressAsOf = input.AsOf;
        UpdatedAt = now;
        return update;
    }

    /// <summary>
    /// Sets what the commitment is: its text, sources, action lines, stakeholders, dates and milestones.
    /// The definition was validated by <see cref="CommitmentDefinition.Validate"/>; a withdrawn commitment is not edited.
    /// </summary>
    public Result<Commitment> Define(CommitmentDefinition definition, DateTimeOffset now)
    {
        if (WithdrawnAt is not null)
        {
            return WithdrawnError();
        }

        Title = definition.Title;
        Description = definition.Description;
        TargetDate = definition.TargetDate;
        TargetDateText = definition.TargetDateText;
        ReportingCadence = definition.ReportingCadence;
        Sync(Paragraphs, definition.ParagraphIds, p => p.ParagraphId, id => new CommitmentParagraph { ParagraphId = id });
        Sync(ActionLines, definition.ActionLineIds, a => a.ActionLineId, id => new CommitmentActionLine { ActionLineId = id });
        var roles = definition.LeadIds.Select(id => (id, StakeholderRole.Lead))
            .Concat(definition.PartnerIds.Except(definition.LeadIds).Select(id => (id, StakeholderRole.Partner)))
            .ToList();
        Stakeholders.RemoveAll(s => !roles.Contains((s.StakeholderId, s.Role)));
        foreach (var (id, role) in roles.Where(r => !Stakeholders.Any(s => s.StakeholderId == r.id && s.Role == r.Item2)))
        {
            Stakeholders.Add(new CommitmentStakeholder { StakeholderId = id, Role = role });
        }

        DefineMilestones(definition.Milestones);
        if (CreatedAt == default)
        {
            CreatedAt = now;
        }

        UpdatedAt = now;
        return this;
    }

    /// <summary>Withdraws the commitment: it is kept with its history and marked withdrawn. A reason is required.</summary>
    public Result<Commitment> Withdraw(string? reason, DateTimeOffset now)
    {
        if (WithdrawnAt is not null)
        {
            return WithdrawnError();
        }

        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > Limits.Note)
        {
            return Error.Validation("reason", $"Say why the commitment is withdrawn, in at most {Limits.Note} characters.");
        }

        WithdrawnAt = now;
        WithdrawalReason = trimmed;
        UpdatedAt = now;
        return this;
    }

    /// <summary>Overdue: the target date has passed and the commitment is neither achieved nor discontinued.</summary>
    public static bool IsOverdue(DateOnly? targetDate, CommitmentStatus status, DateOnly today) =>
        targetDate is { } target && target < today && status is not (CommitmentStatus.Achieved or CommitmentStatus.Discontinued);

    /// <summary>The overdue rule of <see cref="IsOverdue"/> as a query that PostgreSQL evaluates.</summary>
    public static Expression<Func<Commitment, bool>> OverdueOn(DateOnly today) =>
        c => c.TargetDate != null && c.TargetDate < today && c.Status != CommitmentStatus.Achieved && c.Status != CommitmentStatus.Discontinued;

    public static string StatusLabel(CommitmentStatus status) => status switch
    {
        CommitmentStatus.NotStarted => "not started",
        CommitmentStatus.OnTrack => "on track",
        CommitmentStatus.AtRisk => "at risk",
        CommitmentStatus.OffTrack => "off track",
        CommitmentStatus.Achieved => "achieved",
        CommitmentStatus.Discontinued => "discontinued",
        _ => status.ToString(),
    };

    private static Error WithdrawnError() =>
        new(ErrorKind.Conflict, "commitment-withdrawn", "The commitment has been withdrawn; it takes no more updates or edits.");

    private static void Sync<TLink>(List<TLink> links, IReadOnlyList<int> ids, Func<TLink, int> key, Func<int, TLink> make)
    {
        links.RemoveAll(link => !ids.Contains(key(link)));
        links.AddRange(ids.Where(id => !links.Any(link => key(link) == id)).Select(make));
    }

    private void DefineMilestones(IReadOnlyList<MilestoneInput> milestones)
    {
        for (var i = 0; i < milestones.Count; i++)
        {
            var input = milestones[i];
            var milestone = i < Milestones.Count ? Milestones[i] : new Milestone { Title = input.Title };
            milestone.Order = i + 1;
            milestone.Title = input.Title.Trim();
            milestone.DueDate = input.DueDate;
            milestone.CompletedDate = input.CompletedDate;
            if (i >= Milestones.Count)
            {
                Milestones.Add(milestone);
            }
        }

        Milestones.RemoveRange(milestones.Count, Milestones.Count - milestones.Count);
    }

    private static List<string> ValidateEvidence(IReadOnlyList<string>? links, FieldErrors errors)
    {
        var cleaned = (links ?? []).Where(link => !string.IsNullOrWhiteSpace(link)).Select(link => link.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (cleaned.Count > Limits.EvidenceLinks)
        {
            errors.Add(nameof(RecordProgressInput.EvidenceLinks), $"At most {Limits.EvidenceLinks} evidence links.");
        }

        foreach (var link in cleaned)
        {
            var valid = link.Length <= Limits.Url
                && Uri.TryCreate(link, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
            if (!valid)
            {
                errors.Add(nameof(RecordProgressInput.EvidenceLinks), $"'{Truncate(link)}' is not an http(s) link of at most {Limits.Url} characters.");
            }
        }

        return cleaned;
    }

    private static string Truncate(string value) => value.Length <= 60 ? value : value[..60] + "…";
}

public sealed record RecordProgressInput(
    CommitmentStatus Status,
    int? ProgressPercent,
    string? Note,
    IReadOnlyList<string>? EvidenceLinks,
    DateOnly AsOf);

/// <summary>One entry of a commitment's append-only history.</summary>
public sealed class ProgressUpdate
{
    public long Id { get; set; }

    public int CommitmentId { get; set; }

    public CommitmentStatus Status { get; set; }

    public int? ProgressPercent { get; set; }

    public string? Note { get; set; }

    public List<string> EvidenceLinks { get; set; } = [];

    public DateOnly AsOf { get; set; }

    public required string Author { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

public sealed class CommitmentParagraph
{
    public int CommitmentId { get; set; }

    public int ParagraphId { get; set; }

    public Paragraph? Paragraph { get; set; }
}

public sealed class CommitmentActionLine
{
    public int CommitmentId { get; set; }

    public int ActionLineId { get; set; }

    public ActionLine? ActionLine { get; set; }
}

public sealed class CommitmentStakeholder
{
    public int CommitmentId { get; set; }

    public int StakeholderId { get; set; }

    public Stakeholder? Stakeholder { get; set; }

    public StakeholderRole Role { get; set; }
}

/// <summary>This commitment continues, replaces or completes an earlier one, as the texts show.</summary>
public sealed class CommitmentLineage
{
    public int CommitmentId { get; set; }

    public int EarlierCommitmentId { get; set; }

    public Commitment? EarlierCommitment { get; set; }

    public LineageKind Kind { get; set; }

    /// <summary>Where the texts show the link, in words.</summary>
    public required string Evidence { get; set; }
}
