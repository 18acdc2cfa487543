using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;
using WsisTracker.Core.Email;

namespace WsisTracker.Core.Reporting;

/// <summary>
/// Reporting cycles (decision 086): opening one, closing it (which freezes its report), and reading its response
/// rates and compiled report. A cycle expects a report on each commitment in its scope that is neither withdrawn,
/// achieved nor discontinued, and counts any commitment that reported in it; a report is a progress update recorded
/// from the opening day on (and, once closed, up to the close); one recorded after the due day arrived late.
/// </summary>
public sealed class ReportingCycles(WsisTrackerDbContext db, TimeProvider time)
{
    /// <summary>How the snapshot is stored: camelCase members, enums by name, so a stored report reads back whatever changes later.</summary>
    public static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task<IReadOnlyList<ReportingCycleSummary>> ListAsync(CancellationToken cancellationToken) =>
        await db.ReportingCycles.AsNoTracking()
            .OrderByDescending(c => c.OpensOn).ThenByDescending(c => c.Id)
            .Select(c => new ReportingCycleSummary(
                c.Id, c.Name, c.OpensOn, c.DueOn, new CycleScope(c.ResolutionSlug, c.ActionLineCode, c.StakeholderSlug),
                c.ClosedAt == null ? CycleState.Open : CycleState.Closed, c.OpenedAt, c.ClosedAt, c.Version))
            .ToListAsync(cancellationToken);

    /// <summary>A cycle with its response rates: from its snapshot when closed, computed now while open.</summary>
    public async Task<Result<ReportingCycleDetail>> GetAsync(int id, CancellationToken cancellationToken)
    {
        var cycle = await db.ReportingCycles.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (cycle is null)
        {
            return Error.NotFound("Reporting cycle", id);
        }

        var report = await ReportOfAsync(cycle, cancellationToken);
        return new ReportingCycleDetail(
            cycle.Id, cycle.Name, cycle.OpensOn, cycle.DueOn, ScopeOf(cycle), cycle.IsClosed ? CycleState.Closed : CycleState.Open, cycle.OpenedAt, cycle.ClosedAt,
            report.Overall, report.ByStakeholder, report.ByActionLine,
            report.NotAnswered.Select(Ref).ToList(), report.ArrivedLate.Select(Ref).ToList(), cycle.Version);
    }

    /// <summary>The compiled report: the final one stored at the close, or a draft of an open cycle as it stands now.</summary>
    public async Task<Result<CycleReport>> ReportAsync(int id, CancellationToken cancellationToken)
    {
        var cycle = await db.ReportingCycles.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return cycle is null ? Error.NotFound("Reporting cycle", id) : await ReportOfAsync(cycle, cancellationToken);
    }

    public async Task<Result<ReportingCycleSummary>> OpenAsync(OpenCycleInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(nameof(input.Name), "Give the cycle a name.");
        }
        else if (name.Length > Limits.ShortText)
        {
            errors.Add(nameof(input.Name), $"The name can be at most {Limits.ShortText} characters.");
        }

        PlainText.Check(name, nameof(input.Name), errors);
        if (input.OpensOn is not { } opensOn)
        {
            errors.Add(nameof(input.OpensOn), "Give the day the cycle opens.");
        }
        else if (opensOn.Year is < 2000 or > 2100)
        {
            errors.Add(nameof(input.OpensOn), "The opening day is between 2000 and 2100.");
        }

        if (input.DueOn is not { } dueOn)
        {
            errors.Add(nameof(input.DueOn), "Give the day reports are due.");
        }
        else if (dueOn.Year is < 2000 or > 2100)
        {
            errors.Add(nameof(input.DueOn), "The due day is between 2000 and 2100.");
        }
        else if (input.OpensOn is { } opens && dueOn < opens)
        {
            errors.Add(nameof(input.DueOn), "Reports cannot be due before the cycle opens.");
        }

        var resolution = Blank(input.Resolution);
        var actionLine = Blank(input.ActionLine);
        var stakeholder = Blank(input.Stakeholder);
        if (resolution is not null && !await db.Resolutions.AnyAsync(r => r.Slug == resolution, cancellationToken))
        {
            errors.Add(nameof(input.Resolution), "Not a stored resolution.");
        }

        if (actionLine is not null && !await db.ActionLines.AnyAsync(a => a.Code == actionLine, cancellationToken))
        {
            errors.Add(nameof(input.ActionLine), "Not a known action line.");
        }

        if (stakeholder is not null && !await db.Stakeholders.AnyAsync(s => s.Slug == stakeholder, cancellationToken))
        {
            errors.Add(nameof(input.Stakeholder), "Not a known stakeholder.");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var cycle = new ReportingCycle
        {
            Name = name!,
            OpensOn = input.OpensOn!.Value,
            DueOn = input.DueOn!.Value,
            ResolutionSlug = resolution,
            ActionLineCode = actionLine,
            StakeholderSlug = stakeholder,
            OpenedAt = time.GetUtcNow(),
        };
        // The cycle and its "opened" reminders commit together (decision 089); one opening later is announced by the schedule.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        db.ReportingCycles.Add(cycle);
        await db.SaveChangesAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (ReportingReminders.DueOn(cycle, Today(now)).Contains(ReminderKinds.CycleOpened))
        {
            await RemindAsync(cycle, [ReminderKinds.CycleOpened], now, cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(CancellationToken.None);
        }

        return Summary(cycle);
    }

    /// <summary>
    /// Writes the scheduled reminders that are due now for every open cycle (<see cref="ReportingReminders.DueOn"/>):
    /// each goes once per person and cycle, whichever instance runs this and however often. Returns how many it wrote.
    /// </summary>
    public async Task<int> WriteScheduledRemindersAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = Today(now);
        var open = await db.ReportingCycles.AsNoTracking().Where(c => c.ClosedAt == null && c.OpensOn <= today).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var written = 0;
        foreach (var cycle in open)
        {
            var kinds = ReportingReminders.DueOn(cycle, today);
            try
            {
                written += await RemindAsync(cycle, kinds, now, cancellationToken);
            }
            catch (DbUpdateException e) when (ConstraintViolation.Of(e) is { Kind: ConstraintKind.Unique })
            {
                // Another instance wrote one of these at the same moment: its once-key stands, and the next round writes the rest.
                foreach (var entry in db.ChangeTracker.Entries<OutboxMessage>().ToList())
                {
                    entry.State = EntityState.Detached;
                }
            }
        }

        return written;
    }

    /// <summary>Writes and saves the cycle's reminders of <paramref name="kinds"/> to the contributors of the commitments it still awaits.</summary>
    private async Task<int> RemindAsync(ReportingCycle cycle, IReadOnlyList<string> kinds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (kinds.Count == 0)
        {
            return 0;
        }

        var report = await ComputeAsync(cycle, now, isFinal: false, cancellationToken);
        var awaiting = report.Commitments.Where(c => !c.Answered).Select(c => new RemindedCommitment(c.Id, c.Code, c.Title)).ToList();
        var added = 0;
        foreach (var kind in kinds)
        {
            added += await ReportingReminders.CycleAsync(db, cycle, kind, awaiting, Today(now), cancellationToken);
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return added;
    }

    /// <summary>
    /// Closes the cycle named at the version the caller read, storing its report as it stands now; the report read
    /// afterwards is that snapshot, whatever changes later.
    /// </summary>
    public async Task<Result<ReportingCycleSummary>> CloseAsync(int id, uint expectedVersion, CancellationToken cancellationToken)
    {
        var cycle = await db.ReportingCycles.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (Versioned.Check(cycle, "Reporting cycle", id, expectedVersion) is { } error)
        {
            return error;
        }

        var now = time.GetUtcNow();
        var report = await ComputeAsync(cycle!, now, isFinal: true, cancellationToken);
        var closed = cycle!.Close(JsonSerializer.Serialize(report, SnapshotJson), now);
        if (!closed.Succeeded)
        {
            return closed.Error!;
        }

        db.Entry(cycle).Property(c => c.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion("Reporting cycle");
        }

        return Summary(cycle);
    }

    /// <summary>
    /// What the open cycles expect of a contributor's stakeholders (by id): each open cycle whose scope holds
    /// commitments they lead or partner on, with those still without a report. For the contributors' page.
    /// </summary>
    public async Task<IReadOnlyList<CycleExpectation>> ExpectedOfAsync(IReadOnlyList<int> stakeholderIds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = Today(now);
        var open = await db.ReportingCycles.AsNoTracking().Where(c => c.ClosedAt == null && c.OpensOn <= today).OrderBy(c => c.DueOn).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var expectations = new List<CycleExpectation>();
        foreach (var cycle in open)
        {
            var report = await ComputeAsync(cycle, now, isFinal: false, cancellationToken, stakeholderIds);
            if (report.Commitments.Count > 0)
            {
                expectations.Add(new CycleExpectation(Summary(cycle), report.NotAnswered.Select(Ref).ToList(), report.Commitments.Count(c => c.Answered)));
            }
        }

        return expectations;
    }

    private async Task<CycleReport> ReportOfAsync(ReportingCycle cycle, CancellationToken cancellationToken) =>
        cycle.Snapshot is { } snapshot
            ? JsonSerializer.Deserialize<CycleReport>(snapshot, SnapshotJson)!
            : await ComputeAsync(cycle, time.GetUtcNow(), isFinal: false, cancellationToken);

    /// <summary>
    /// The report as it stands at <paramref name="now"/>: the commitments the cycle expects, each with the reports it
    /// received in the cycle so far, in one query (split by EF into a fixed number of commands) and arithmetic in
    /// memory. A closed cycle is never computed again: its snapshot is read instead.
    /// </summary>
    private async Task<CycleReport> ComputeAsync(ReportingCycle cycle, DateTimeOffset now, bool isFinal, CancellationToken cancellationToken, IReadOnlyList<int>? onlyStakeholders = null)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var opensAt = Start(cycle.OpensOn);
        var lateFrom = Start(cycle.DueOn.AddDays(1));
        var scope = new CommitmentFilter(Resolution: cycle.ResolutionSlug, ActionLine: cycle.ActionLineCode, Stakeholder: cycle.StakeholderSlug);
        var query = CommitmentReads.Filter(db, scope, today);
        if (onlyStakeholders is not null)
        {
            query = query.Where(c => c.Stakeholders.Any(s => onlyStakeholders.Contains(s.StakeholderId)));
        }

        var rows = await query
            .Where(c => (c.WithdrawnAt == null && c.Status != CommitmentStatus.Achieved && c.Status != CommitmentStatus.Discontinued)
                || c.ProgressUpdates.Any(u => u.RecordedAt >= opensAt))
            .OrderBy(c => c.Code)
            .Select(c => new
            {
                c.Id,
                c.Code,
                c.Title,
                c.Status,
                c.ProgressPercent,
                Reporting = ReportingRules.Of(c.ReportingCadence, c.Status, c.WithdrawnAt, c.LastProgressAsOf, c.CreatedAt, c.TargetDate, today),
                Lines = c.ActionLines.Select(a => new
                {
                    a.ActionLine!.Code,
                    TopCode = a.ActionLine.Parent != null ? a.ActionLine.Parent.Code : a.ActionLine.Code,
                    TopTitle = a.ActionLine.Parent != null ? a.ActionLine.Parent.Title : a.ActionLine.Title,
                    TopOrder = a.ActionLine.Parent != null ? a.ActionLine.Parent.Order : a.ActionLine.Order,
                }).ToList(),
                Leads = c.Stakeholders.Where(s => s.Role == StakeholderRole.Lead).OrderBy(s => s.Stakeholder!.Name)
                    .Select(s => new CycleStakeholder(s.Stakeholder!.Slug, s.Stakeholder.Name)).ToList(),
                Reports = c.ProgressUpdates.Where(u => u.RecordedAt >= opensAt)
                    .OrderBy(u => u.RecordedAt).ThenBy(u => u.Id)
                    .Select(u => new CycleNarrative(u.AsOf, u.RecordedAt, u.Status, u.ProgressPercent, u.Note, u.EvidenceLinks,
                        ProgressUpdate.PublicAuthor(u.ReportingStakeholder!.Name), u.RecordedAt >= lateFrom))
                    .ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var commitments = rows.Select(r => new CycleCommitment(
            r.Id, r.Code, r.Title, r.Status, r.ProgressPercent, r.Reporting.Status, r.Reporting.LastReportedOn, r.Reporting.NextReportDue,
            r.Lines.Select(l => l.Code).Order(StringComparer.Ordinal).ToList(), r.Leads, r.Reports)).ToList();

        var sections = rows
            .SelectMany(r => r.Lines.Select(l => (l.TopCode, l.TopTitle, l.TopOrder, r.Id)))
            .Distinct()
            .GroupBy(x => (x.TopCode, x.TopTitle, x.TopOrder))
            .OrderBy(g => g.Key.TopOrder)
            .Select(g =>
            {
                var ids = g.Select(x => x.Id).ToHashSet();
                var members = commitments.Where(c => ids.Contains(c.Id)).ToList();
                return new CycleActionLineSection(g.Key.TopCode, g.Key.TopTitle, RateOf(members), members.Select(c => c.Id).ToList());
            })
            .ToList();

        var byStakeholder = commitments
            .SelectMany(c => c.Leads.Select(l => (Lead: l, Commitment: c)))
            .GroupBy(x => x.Lead)
            .OrderBy(g => g.Key.Name, StringComparer.Ordinal)
            .Select(g => new ResponseRateRow(g.Key.Slug, g.Key.Name, RateOf(g.Select(x => x.Commitment).ToList())))
            .ToList();

        return new CycleReport(
            cycle.Id, cycle.Name, cycle.OpensOn, cycle.DueOn, ScopeOf(cycle), isFinal, now,
            RateOf(commitments),
            sections.Select(s => new ResponseRateRow(s.Code, s.Title, s.Rate)).ToList(),
            byStakeholder,
            sections,
            commitments);
    }

    private static ResponseRate RateOf(IReadOnlyCollection<CycleCommitment> commitments) =>
        new(commitments.Count, commitments.Count(c => c.Answered), commitments.Count(c => c.Late));

    private static CycleCommitmentRef Ref(CycleCommitment c) =>
        new(c.Id, c.Code, c.Title, c.Leads.Select(l => l.Name).ToList(), c.Reports.Count > 0 ? c.Reports[0].RecordedAt : null);

    private static CycleScope ScopeOf(ReportingCycle c) => new(c.ResolutionSlug, c.ActionLineCode, c.StakeholderSlug);

    private static ReportingCycleSummary Summary(ReportingCycle c) =>
        new(c.Id, c.Name, c.OpensOn, c.DueOn, ScopeOf(c), c.IsClosed ? CycleState.Closed : CycleState.Open, c.OpenedAt, c.ClosedAt, c.Version);

    private static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
