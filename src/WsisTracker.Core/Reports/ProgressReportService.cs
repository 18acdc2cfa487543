using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;
using WsisTracker.Core.Email;
using WsisTracker.Core.Reporting;

namespace WsisTracker.Core.Reports;

/// <summary>
/// Progress reports, for the pages and the API alike. Every method takes the acting <see cref="ReportPrincipal"/> and
/// decides here what it may see and do:
/// <list type="bullet">
/// <item>a contributor sees and acts only for the commitments their stakeholders lead or partner on (anything else
/// is not found), drafts, revises and submits;</item>
/// <item>a reviewer (the secretariat, administrators) sees every report and approves, returns or rejects submitted
/// ones; a principal that is not a reviewer is refused (<see cref="ErrorKind.Forbidden"/>);</item>
/// <item>content is checked by <see cref="Commitment.RecordProgress"/> against the commitment as it stands when it
/// is saved, submitted and approved: approval records the progress update by that rule, authored by the
/// stakeholder, and fails with the rule's reasons if the commitment has moved on;</item>
/// <item>a submission writes a reminder to the reviewers and a return one to the report's contributors, in the
/// transition's transaction (<see cref="ReportingReminders"/>);</item>
/// <item>every write locks the report's row and names the version its caller read: of two reviewers acting on one
/// report one wins and the other gets <c>version-mismatch</c>; an organisation has one open report per commitment
/// (<c>report-open</c>).</item>
/// </list>
/// </summary>
public sealed class ProgressReportService(
    WsisTrackerDbContext db,
    ActorContext actor,
    TimeProvider time,
    ContributorScope scope,
    CommitmentReads commitments,
    ProgressRecorder writes)
{
    /// <summary>How often an approval re-reads a commitment that another write moved between its read and its write.</summary>
    private const int ApprovalAttempts = 3;

    private const string What = "Report";

    /// <summary>The commitments the contributor's stakeholders lead or partner on, by code, each with those stakeholders and their reports.</summary>
    public async Task<Result<IReadOnlyList<ContributorCommitment>>> ListCommitmentsAsync(ReportPrincipal principal, CancellationToken cancellationToken)
    {
        if (!principal.IsContributor)
        {
            return NotAContributor();
        }

        var ids = principal.StakeholderIds;
        var rows = await scope.Commitments(ids).OrderBy(c => c.Code)
            .Select(c => new
            {
                c.Id,
                c.Code,
                c.Title,
                c.Status,
                c.ProgressPercent,
                c.WithdrawnAt,
                Stakeholders = c.Stakeholders.Where(s => ids.Contains(s.StakeholderId))
                    .Select(s => new ScopedStakeholder(s.StakeholderId, s.Stakeholder!.Slug, s.Stakeholder.Name, s.Role)).ToList(),
            })
            .ToListAsync(cancellationToken);
        var reports = await Summaries(NewestFirst(db.ProgressReports.Where(r => ids.Contains(r.StakeholderId)))).ToListAsync(cancellationToken);
        var byCommitment = reports.ToLookup(r => r.CommitmentId);
        return rows.Select(c => new ContributorCommitment(c.Id, c.Code, c.Title, c.Status, c.ProgressPercent, c.WithdrawnAt,
            [.. c.Stakeholders.OrderBy(s => s.Role == StakeholderRole.Lead ? 0 : 1).ThenBy(s => s.Name, StringComparer.Ordinal)], [.. byCommitment[c.Id]])).ToList();
    }

    /// <summary>The reports of the principal's stakeholders, newest first, optionally in one state.</summary>
    public async Task<Result<IReadOnlyList<ProgressReportSummary>>> ListForContributorAsync(ReportPrincipal principal, ReportState? state, CancellationToken cancellationToken)
    {
        if (!principal.IsContributor)
        {
            return NotAContributor();
        }

        var ids = principal.StakeholderIds;
        var query = db.ProgressReports.Where(r => ids.Contains(r.StakeholderId));
        if (state is { } s)
        {
            query = query.Where(r => r.State == s);
        }

        return await Summaries(NewestFirst(query)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The submitted reports, oldest submission first, for reviewers: optionally of one stakeholder (slug) and on
    /// commitments of one action line (code).
    /// </summary>
    public async Task<Result<IReadOnlyList<ProgressReportSummary>>> ReviewQueueAsync(ReportPrincipal principal, ReviewFilter filter, CancellationToken cancellationToken)
    {
        if (!principal.IsReviewer)
        {
            return NotAReviewer();
        }

        var query = db.ProgressReports.Where(r => r.State == ReportState.Submitted);
        if (!string.IsNullOrWhiteSpace(filter.Stakeholder))
        {
            var slug = filter.Stakeholder.Trim();
            query = query.Where(r => r.Stakeholder!.Slug == slug);
        }

        if (!string.IsNullOrWhiteSpace(filter.ActionLine))
        {
            var code = filter.ActionLine.Trim().ToUpperInvariant();
            query = query.Where(r => r.Commitment!.ActionLines.Any(a => a.ActionLine!.Code == code));
        }

        return await Summaries(query.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The report page of one commitment: the commitment, the stakeholders the principal reports for on it, their
    /// reports on it and the open one to continue. Not found outside the principal's scope.
    /// </summary>
    public async Task<Result<ReportingContext>> GetReportingContextAsync(ReportPrincipal principal, int commitmentId, CancellationToken cancellationToken)
    {
        var stakeholders = await scope.OnCommitmentAsync(principal, commitmentId, cancellationToken);
        if (stakeholders.Count == 0)
        {
            return principal.IsContributor ? Error.NotFound("Commitment", commitmentId) : NotAContributor();
        }

        var commitment = await commitments.GetAsync(commitmentId, cancellationToken);
        if (!commitment.Succeeded)
        {
            return commitment.Error!;
        }

        var ids = stakeholders.Select(s => s.Id).ToList();
        var reports = await Summaries(NewestFirst(db.ProgressReports.Where(r => r.CommitmentId == commitmentId && ids.Contains(r.StakeholderId)))).ToListAsync(cancellationToken);
        var open = reports.FirstOrDefault(r => ProgressReport.OpenStates.Contains(r.State));
        var openDetail = open is null ? null : await DetailAsync(open.Id, cancellationToken);
        return new ReportingContext(commitment.Value!, stakeholders, openDetail, reports);
    }

    /// <summary>A report, for a reviewer or a contributor of its stakeholder; not found for anyone else.</summary>
    public async Task<Result<ProgressReportDetail>> GetAsync(ReportPrincipal principal, int id, CancellationToken cancellationToken)
    {
        var detail = await DetailAsync(id, cancellationToken);
        return detail is not null && (principal.IsReviewer || principal.StakeholderIds.Contains(detail.StakeholderId))
            ? detail
            : Error.NotFound("Report", id);
    }

    /// <summary>
    /// The geographic scopes of the approved reports behind a commitment's progress updates, by the update's id: as
    /// public as the updates they became (decision 131). Updates the secretariat recorded itself have none.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, GeographicScopeModel>> ApprovedScopesAsync(int commitmentId, CancellationToken cancellationToken) =>
        await db.ProgressReports.AsNoTracking()
            .Where(r => r.CommitmentId == commitmentId && r.State == ReportState.Approved && r.ProgressUpdateId != null)
            .Select(r => new { UpdateId = r.ProgressUpdateId!.Value, Scope = new GeographicScopeModel(r.ScopeKind, r.ScopeRegions, r.Countries) })
            .ToDictionaryAsync(r => r.UpdateId, r => r.Scope, cancellationToken);

    /// <summary>A report beside its commitment as it stands, and whether the rules would accept it now; reviewers only.</summary>
    public async Task<Result<ReportReview>> GetForReviewAsync(ReportPrincipal principal, int id, CancellationToken cancellationToken)
    {
        if (!principal.IsReviewer)
        {
            return NotAReviewer();
        }

        var detail = await DetailAsync(id, cancellationToken);
        if (detail is null)
        {
            return Error.NotFound("Report", id);
        }

        var commitment = await commitments.GetAsync(detail.CommitmentId, cancellationToken);
        if (!commitment.Succeeded)
        {
            return commitment.Error!;
        }

        var input = new RecordProgressInput(detail.Status, detail.ProgressPercent, detail.Narrative, detail.EvidenceLinks, detail.AsOf);
        var refusal = detail.State == ReportState.Submitted ? await CheckAgainstCurrentAsync(detail.CommitmentId, input, cancellationToken) : null;
        return new ReportReview(detail, commitment.Value!, refusal);
    }

    /// <summary>
    /// Drafts a report on a commitment the principal's stakeholders lead or partner on, for <paramref name="stakeholder"/>
    /// (a slug; by default the first of them, leads first). The content must pass the commitment's rules as it stands.
    /// </summary>
    public async Task<Result<ProgressReportDetail>> CreateDraftAsync(ReportPrincipal principal, int commitmentId, string? stakeholder, ReportInput input, CancellationToken cancellationToken)
    {
        var stakeholders = await scope.OnCommitmentAsync(principal, commitmentId, cancellationToken);
        if (stakeholders.Count == 0)
        {
            return principal.IsContributor ? Error.NotFound("Commitment", commitmentId) : NotAContributor();
        }

        var reporting = string.IsNullOrWhiteSpace(stakeholder) ? stakeholders[0] : stakeholders.FirstOrDefault(s => s.Slug == stakeholder.Trim());
        if (reporting is null)
        {
            return Error.Validation("stakeholder", $"Report for one of: {string.Join(", ", stakeholders.Select(s => s.Slug))}.");
        }

        var content = await CheckAsync(commitmentId, input, cancellationToken);
        if (!content.Succeeded)
        {
            return content.Error!;
        }

        if (await db.ProgressReports.AnyAsync(r => r.CommitmentId == commitmentId && r.StakeholderId == reporting.Id && ProgressReport.OpenStates.Contains(r.State), cancellationToken))
        {
            return ReportOpen(reporting.Name);
        }

        var report = ProgressReport.Draft(commitmentId, reporting.Id, content.Value!, Who(principal), Now());
        db.ProgressReports.Add(report);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (ConstraintViolation.Of(e) is { } violation)
        {
            // Another contributor of the organisation opened a report on it at the same moment, or the commitment went.
            Forget(report);
            return violation.Kind == ConstraintKind.Unique ? ReportOpen(reporting.Name) : violation.ToConflict();
        }

        return await GetAsync(principal, report.Id, cancellationToken);
    }

    /// <summary>Revises a draft or returned report (a returned one becomes a draft again); the earlier revision is kept.</summary>
    public Task<Result<ProgressReportDetail>> ReviseAsync(ReportPrincipal principal, int id, ReportInput input, uint expectedVersion, CancellationToken cancellationToken) =>
        ChangeAsync(principal, id, expectedVersion, Access.Contribute, async report =>
        {
            var content = await CheckAsync(report.CommitmentId, input, cancellationToken);
            return content.Succeeded ? report.Revise(content.Value!, Who(principal), Now()).Error : content.Error;
        }, cancellationToken);

    /// <summary>Submits a draft for review; its content must still pass the commitment's rules as it stands.</summary>
    public Task<Result<ProgressReportDetail>> SubmitAsync(ReportPrincipal principal, int id, uint expectedVersion, CancellationToken cancellationToken) =>
        ChangeAsync(principal, id, expectedVersion, Access.Contribute, async report =>
        {
            if (report.State == ReportState.Draft && await CheckAgainstCurrentAsync(report.CommitmentId, report.ToProgressInput(), cancellationToken) is { } refused)
            {
                return refused;
            }

            if (report.Submit(Who(principal), Now()).Error is { } error)
            {
                return error;
            }

            await ReportingReminders.ReportSubmittedAsync(db, report, cancellationToken);
            return null;
        }, cancellationToken);

    /// <summary>
    /// Approves a submitted report: its progress update is recorded by <see cref="Commitment.RecordProgress"/> against
    /// the commitment as it is now, by the reviewer, reported by the stakeholder, in the transaction that marks the
    /// report approved. If the rules refuse it the report stays submitted and the error says why
    /// (<c>report-refused</c>, with the rule's field errors).
    /// </summary>
    public Task<Result<ProgressReportDetail>> ApproveAsync(ReportPrincipal principal, int id, uint expectedVersion, CancellationToken cancellationToken) =>
        ChangeAsync(principal, id, expectedVersion, Access.Review, async report =>
        {
            if (report.State != ReportState.Submitted)
            {
                return report.Approve(0, Who(principal), Now()).Error;
            }

            var stakeholderName = await db.Stakeholders.Where(s => s.Id == report.StakeholderId).Select(s => s.Name).SingleAsync(cancellationToken);
            for (var attempt = 1; ; attempt++)
            {
                var version = await db.Commitments.AsNoTracking().Where(c => c.Id == report.CommitmentId).Select(c => c.Version).SingleAsync(cancellationToken);
                var recorded = await writes.RecordProgressAsync(report.CommitmentId, report.ToProgressInput(), version, cancellationToken, new ReportingStakeholder(report.StakeholderId, stakeholderName));
                if (recorded.Succeeded)
                {
                    return report.Approve(recorded.Value!.Update.Id, Who(principal), Now()).Error;
                }

                if (recorded.Error!.Kind == ErrorKind.StaleVersion && attempt < ApprovalAttempts)
                {
                    continue;
                }

                return Refused(recorded.Error);
            }
        }, cancellationToken);

    /// <summary>Returns a submitted report to its contributors with a comment.</summary>
    public Task<Result<ProgressReportDetail>> ReturnAsync(ReportPrincipal principal, int id, string? comment, uint expectedVersion, CancellationToken cancellationToken) =>
        ChangeAsync(principal, id, expectedVersion, Access.Review, async report =>
        {
            if (report.Return(comment, Who(principal), Now()).Error is { } error)
            {
                return error;
            }

            await ReportingReminders.ReportReturnedAsync(db, report, cancellationToken);
            return null;
        }, cancellationToken);

    /// <summary>Rejects a submitted report, with a reason.</summary>
    public Task<Result<ProgressReportDetail>> RejectAsync(ReportPrincipal principal, int id, string? reason, uint expectedVersion, CancellationToken cancellationToken) =>
        ChangeAsync(principal, id, expectedVersion, Access.Review, report => Task.FromResult(report.Reject(reason, Who(principal), Now()).Error), cancellationToken);

    private enum Access
    {
        Contribute,
        Review,
    }

    /// <summary>
    /// Runs one transition: in a transaction, locks the report's row, checks the principal may act on it and that it
    /// is still at <paramref name="expectedVersion"/>, applies <paramref name="change"/> and saves; any refusal rolls
    /// everything back (a progress update an approval recorded included).
    /// </summary>
    private async Task<Result<ProgressReportDetail>> ChangeAsync(ReportPrincipal principal, int id, uint expectedVersion, Access access, Func<ProgressReport, Task<Error?>> change, CancellationToken cancellationToken)
    {
        if (access == Access.Review && !principal.IsReviewer)
        {
            return NotAReviewer();
        }

        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        ProgressReport? report = null;
        try
        {
            report = (await db.ProgressReports.FromSql($"SELECT *, xmin FROM progress_reports WHERE id = {id} FOR UPDATE").ToListAsync(cancellationToken)).SingleOrDefault();
            var visible = report is not null && (principal.IsReviewer || principal.StakeholderIds.Contains(report.StakeholderId));
            if (!visible)
            {
                return Error.NotFound(What, id);
            }

            if (access == Access.Contribute && !principal.StakeholderIds.Contains(report!.StakeholderId))
            {
                return new Error(ErrorKind.Forbidden, "not-the-reporting-stakeholder", "Only the contributors of the reporting stakeholder write its reports.");
            }

            if (Versioned.Check(report, What, id, expectedVersion) is { } stale)
            {
                return stale;
            }

            if (await change(report!) is { } refused)
            {
                return refused;
            }

            await db.SaveChangesAsync(cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(CancellationToken.None);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion(What);
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }

            if (report is not null)
            {
                Forget(report);
            }
        }

        return await GetAsync(principal, id, cancellationToken);
    }

    /// <summary>
    /// Validates the input and checks it against the commitment as it stands. The scope is checked by the rule
    /// commitments have (<see cref="GeographicScopeCheck"/>, decision 131); one given as <c>countries</c> alone has its
    /// problems reported under <c>countries</c>.
    /// </summary>
    private async Task<Result<ReportContent>> CheckAsync(int commitmentId, ReportInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        GeographicScope? scope = null;
        if (ReportContent.ScopeOf(input, errors) is { } given)
        {
            scope = await GeographicScopeCheck.ValidateAsync(db, given.Scope, errors, cancellationToken);
            if (given.FromCountries)
            {
                errors.Move(GeographicScope.CountriesField, ReportContent.CountriesField);
            }
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var content = ReportContent.From(input, scope!);
        return await CheckAgainstCurrentAsync(commitmentId, content.ToProgressInput(), cancellationToken) is { } refused ? refused : content;
    }

    /// <summary>What <see cref="Commitment.RecordProgress"/> says of the input now, on an untracked copy that is thrown away.</summary>
    private async Task<Error?> CheckAgainstCurrentAsync(int commitmentId, RecordProgressInput input, CancellationToken cancellationToken)
    {
        var commitment = await db.Commitments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == commitmentId, cancellationToken);
        return commitment is null ? Error.NotFound("Commitment", commitmentId) : commitment.RecordProgress(input, "check", Now()).Error;
    }

    private static Error Refused(Error rule) =>
        new(ErrorKind.Conflict, "report-refused", $"The commitment's rules refuse this report as the commitment stands now: {Describe(rule)} Return it to the contributor with a comment, or reject it.", rule.FieldErrors);

    private static string Describe(Error error) =>
        error.FieldErrors is { Count: > 0 } fields ? string.Join(" ", fields.SelectMany(f => f.Value)) : error.Message;

    private static Error ReportOpen(string stakeholder) =>
        new(ErrorKind.Conflict, "report-open", $"{stakeholder} already has an open report on this commitment; continue that one.");

    private static Error NotAContributor() =>
        new(ErrorKind.Forbidden, "not-a-contributor", "Only contributors report progress, for the stakeholders they are focal point of.");

    private static Error NotAReviewer() =>
        new(ErrorKind.Forbidden, "not-a-reviewer", "Only the secretariat reviews progress reports.");

    private ReportActor Who(ReportPrincipal principal) =>
        new(actor.Name ?? $"{principal.Kind}:{principal.Id}", actor.IsKnown ? actor.Kind : principal.Kind == PrincipalKind.ApiKey ? ActorKind.ApiKey : ActorKind.User);

    /// <summary>Now, to the microsecond PostgreSQL keeps, so answers show what a later read shows.</summary>
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    /// <summary>Stops tracking the report and what it added (its reminders included), so a refused change leaves nothing for a later save.</summary>
    private void Forget(ProgressReport report)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity == report || e.Entity is ProgressReportRevision or ProgressReportEvent or OutboxMessage).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private static IOrderedQueryable<ProgressReport> NewestFirst(IQueryable<ProgressReport> reports) =>
        reports.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id);

    /// <summary>The list projection, applied after the ordering (a projection to a record cannot be ordered by in SQL).</summary>
    private static IQueryable<ProgressReportSummary> Summaries(IOrderedQueryable<ProgressReport> reports) =>
        reports.AsNoTracking().Select(r => new ProgressReportSummary(
            r.Id, r.CommitmentId, r.Commitment!.Code, r.Commitment.Title, r.Stakeholder!.Slug, r.Stakeholder.Name, r.State, r.Status,
            r.ProgressPercent, r.AsOf, r.Revision, r.CreatedAt, r.UpdatedAt, r.SubmittedAt, r.Version));

    private async Task<ProgressReportDetail?> DetailAsync(int id, CancellationToken cancellationToken) =>
        await db.ProgressReports.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new ProgressReportDetail(
                r.Id, r.CommitmentId, r.Commitment!.Code, r.Commitment.Title, r.StakeholderId, r.Stakeholder!.Slug, r.Stakeholder.Name,
                r.State, r.Status, r.ProgressPercent, r.Narrative, r.EvidenceLinks, r.AsOf, r.Countries,
                new GeographicScopeModel(r.ScopeKind, r.ScopeRegions, r.Countries), r.Revision, r.ReviewComment,
                r.ProgressUpdateId, r.CreatedAt, r.UpdatedAt, r.SubmittedAt,
                r.Revisions.OrderByDescending(v => v.Number)
                    .Select(v => new ReportRevisionModel(v.Number, v.Status, v.ProgressPercent, v.Narrative, v.EvidenceLinks, v.AsOf, v.Countries, new GeographicScopeModel(v.ScopeKind, v.ScopeRegions, v.Countries), v.Author, v.CreatedAt)).ToList(),
                r.Events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                    .Select(e => new ReportEventModel(e.From, e.To, e.Revision, e.Comment, e.Actor, e.ActorKind, e.OccurredAt)).ToList(),
                r.Version))
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
}
