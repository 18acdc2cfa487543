using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;
using WsisTracker.Core.Resolutions;

namespace WsisTracker.Core.Commitments;

/// <summary>
/// Every change to a commitment, for the pages, the API and imports alike. Each method checks the version the caller
/// read (PostgreSQL <c>xmin</c>): a stale version is refused, so no edit silently overwrites another.
/// </summary>
public sealed class CommitmentWrites(WsisTrackerDbContext db, ActorContext actor, TimeProvider time, CommitmentService reads)
{
    public async Task<Result<CommitmentDetail>> CreateAsync(CommitmentInput input, CancellationToken cancellationToken)
    {
        var definition = await ResolveAsync(input, cancellationToken);
        if (!definition.Succeeded)
        {
            return definition.Error!;
        }

        var commitment = new Commitment { Code = $"c-{Guid.NewGuid():N}"[..14], Title = "", Description = "" };
        commitment.Define(definition.Value!, time.GetUtcNow());
        db.Commitments.Add(commitment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (ConstraintViolation.Of(e) is { } violation)
        {
            // A stakeholder it names was deleted after it was looked up.
            db.Entry(commitment).State = EntityState.Detached;
            return violation.ToConflict();
        }

        return await reads.GetAsync(commitment.Id, cancellationToken);
    }

    /// <summary>
    /// A contributor's proposal of a voluntary commitment for <paramref name="stakeholderId"/> (decision 081): the same
    /// definition rules as <see cref="CreateAsync"/>, led by that organisation (<see cref="Commitment.Propose"/>), and
    /// hidden from the public until <see cref="PublishAsync"/>. Leads left out of the input are the organisation.
    /// </summary>
    public async Task<Result<CommitmentDetail>> ProposeAsync(int stakeholderId, CommitmentInput input, CancellationToken cancellationToken)
    {
        if (input.LeadStakeholders is not { Count: > 0 })
        {
            var slug = await db.Stakeholders.AsNoTracking().Where(s => s.Id == stakeholderId).Select(s => s.Slug).SingleOrDefaultAsync(cancellationToken);
            if (slug is null)
            {
                return Error.NotFound("Stakeholder", stakeholderId);
            }

            input = input with { LeadStakeholders = [slug] };
        }

        var definition = await ResolveAsync(input, cancellationToken);
        if (!definition.Succeeded)
        {
            return definition.Error!;
        }

        var commitment = new Commitment { Code = $"v-{Guid.NewGuid():N}"[..14], Title = "", Description = "" };
        var proposed = commitment.Propose(definition.Value!, stakeholderId, time.GetUtcNow());
        if (!proposed.Succeeded)
        {
            return proposed.Error!;
        }

        db.Commitments.Add(commitment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (ConstraintViolation.Of(e) is { } violation)
        {
            db.Entry(commitment).State = EntityState.Detached;
            return violation.ToConflict();
        }

        return await reads.GetAsync(commitment.Id, cancellationToken, includeProposed: true);
    }

    /// <summary>The secretariat publishes a proposed commitment (<see cref="Commitment.Publish"/>) at the version it read.</summary>
    public async Task<Result<CommitmentDetail>> PublishAsync(int id, uint expectedVersion, CancellationToken cancellationToken)
    {
        var commitment = await db.Commitments.IgnoreQueryFilters().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (Check(commitment, id, expectedVersion) is { } error)
        {
            return error;
        }

        var published = commitment!.Publish(time.GetUtcNow());
        return published.Succeeded ? await SaveAsync(commitment, expectedVersion, cancellationToken) : published.Error!;
    }

    public async Task<Result<CommitmentDetail>> ReviseAsync(int id, CommitmentInput input, uint expectedVersion, CancellationToken cancellationToken)
    {
        var commitment = await LoadAsync(id, cancellationToken);
        if (Check(commitment, id, expectedVersion) is { } error)
        {
            return error;
        }

        var definition = await ResolveAsync(input, cancellationToken);
        if (!definition.Succeeded)
        {
            return definition.Error!;
        }

        var defined = commitment!.Define(definition.Value!, time.GetUtcNow());
        return defined.Succeeded ? await SaveAsync(commitment, expectedVersion, cancellationToken) : defined.Error!;
    }

    /// <summary>
    /// Applies every rule <see cref="CreateAsync"/> applies and writes nothing: the check of a preview, which must
    /// take no lock (a CSV preview of thousands of rows would otherwise hold them all until it ends).
    /// </summary>
    public async Task<Error?> CheckCreateAsync(CommitmentInput input, CancellationToken cancellationToken)
    {
        var definition = await ResolveAsync(input, cancellationToken);
        return definition.Succeeded
            ? new Commitment { Code = "", Title = "", Description = "" }.Define(definition.Value!, time.GetUtcNow()).Error
            : definition.Error;
    }

    /// <summary>Applies every rule <see cref="ReviseAsync"/> applies, on an untracked copy, and writes nothing (see <see cref="CheckCreateAsync"/>).</summary>
    public async Task<Error?> CheckReviseAsync(int id, CommitmentInput input, uint expectedVersion, CancellationToken cancellationToken)
    {
        var commitment = await LoadAsync(id, cancellationToken, tracked: false);
        if (Check(commitment, id, expectedVersion) is { } error)
        {
            return error;
        }

        var definition = await ResolveAsync(input, cancellationToken);
        return definition.Succeeded ? commitment!.Define(definition.Value!, time.GetUtcNow()).Error : definition.Error;
    }

    public async Task<Result<CommitmentDetail>> WithdrawAsync(int id, string? reason, uint expectedVersion, CancellationToken cancellationToken)
    {
        var commitment = await db.Commitments.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (Check(commitment, id, expectedVersion) is { } error)
        {
            return error;
        }

        var withdrawn = commitment!.Withdraw(reason, time.GetUtcNow());
        return withdrawn.Succeeded ? await SaveAsync(commitment, expectedVersion, cancellationToken) : withdrawn.Error!;
    }

    /// <summary>
    /// Records progress through <see cref="Commitment.RecordProgress"/>, authored by the current actor; answers the
    /// update and the commitment's new version (its next If-Match). <paramref name="reportedBy"/> is the stakeholder
    /// whose approved progress report this is (its public author, decision 044); null for the secretariat's own.
    /// </summary>
    /// <remarks>
    /// The busiest write there is, so it skips the change tracker (decision 036): the commitment is read untracked,
    /// the domain applies its rules to it, and one statement moves the commitment on the version the caller read and
    /// appends the update, in a transaction with the same audit rows a tracked save writes.
    /// </remarks>
    public async Task<Result<RecordedProgress>> RecordProgressAsync(int id, RecordProgressInput input, uint expectedVersion, CancellationToken cancellationToken, ReportingStakeholder? reportedBy = null)
    {
        var author = actor.Name ?? throw new InvalidOperationException("Progress is recorded by someone: set the ActorContext first.");

        // One connection for the read and the transaction, rather than one taken from the pool for each.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var commitment = await UntrackedQuery(db, id, cancellationToken);
            if (Check(commitment, id, expectedVersion) is { } error)
            {
                return error;
            }

            var before = AuditTrail.Snapshot(db.Model, commitment!);
            // To the microsecond PostgreSQL keeps, so the answer and the audit show the time a later read shows.
            var now = time.GetUtcNow();
            now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
            var recorded = commitment!.RecordProgress(input, author, now);
            if (!recorded.Succeeded)
            {
                return recorded.Error!;
            }

            var update = recorded.Value!;
            update.CommitmentId = id;
            update.ReportingStakeholderId = reportedBy?.Id;
            var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            try
            {
                var written = await db.Database.SqlQueryRaw<WrittenProgress>(RecordProgressSql, ProgressParameters(update, expectedVersion)).ToListAsync(cancellationToken);
                if (written is not [var row])
                {
                    return Error.StaleVersion(What);
                }

                update.Id = row.Id;
                commitment.Version = checked((uint)row.Version);
                await AuditTrail.Of(db.Model, (commitment, EntityState.Modified, before), (update, EntityState.Added, null))
                    .WriteAsync(db.Database, author, actor.Kind, now, cancellationToken);
                if (ownTransaction is not null)
                {
                    // Written and audited: a client that leaves now does not roll the change back.
                    await ownTransaction.CommitAsync(CancellationToken.None);
                }
            }
            finally
            {
                if (ownTransaction is not null)
                {
                    await ownTransaction.DisposeAsync();
                }

                db.ReadCache?.Invalidate();
            }

            return new RecordedProgress(new ProgressUpdateModel(update.Id, update.Status, update.ProgressPercent, update.Note, update.EvidenceLinks, update.AsOf, ProgressUpdate.PublicAuthor(reportedBy?.Name), update.RecordedAt), commitment.Version);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Moves the commitment only if it still has the version the caller read, and appends the update only if it
    /// moved: no row back means someone else changed it first.
    /// </summary>
    private const string RecordProgressSql = """
        WITH moved AS (
            UPDATE commitments SET status = @status, progress_percent = @percent, last_progress_as_of = @as_of, updated_at = @now
            WHERE id = @id AND xmin = @version
            RETURNING xmin),
        added AS (
            INSERT INTO progress_updates (commitment_id, status, progress_percent, note, evidence_links, as_of, author, reporting_stakeholder_id, recorded_at)
            SELECT @id, @status, @percent, @note, @links, @as_of, @author, @reporting_stakeholder_id, @now FROM moved
            RETURNING id)
        SELECT added.id, (moved.xmin::text)::bigint AS version FROM added, moved
        """;

    private static NpgsqlParameter[] ProgressParameters(ProgressUpdate update, uint expectedVersion) =>
    [
        new("id", NpgsqlDbType.Integer) { Value = update.CommitmentId },
        new("version", NpgsqlDbType.Xid) { Value = expectedVersion },
        new("status", NpgsqlDbType.Varchar) { Value = update.Status.ToString() },
        new("percent", NpgsqlDbType.Integer) { Value = (object?)update.ProgressPercent ?? DBNull.Value },
        new("note", NpgsqlDbType.Varchar) { Value = (object?)update.Note ?? DBNull.Value },
        new("links", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = update.EvidenceLinks },
        new("as_of", NpgsqlDbType.Date) { Value = update.AsOf },
        new("author", NpgsqlDbType.Varchar) { Value = update.Author },
        new("reporting_stakeholder_id", NpgsqlDbType.Integer) { Value = (object?)update.ReportingStakeholderId ?? DBNull.Value },
        new("now", NpgsqlDbType.TimestampTz) { Value = update.RecordedAt },
    ];

    /// <summary>What <see cref="RecordProgressSql"/> reads back: the update's id and the commitment's new version.</summary>
    private sealed class WrittenProgress
    {
        public long Id { get; init; }

        /// <summary>The new <c>xmin</c>, read as a bigint: EF Core reads an unmapped <see cref="uint"/> column as one.</summary>
        public long Version { get; init; }
    }

    /// <summary>The commitment alone, untracked: the read of recording progress, compiled once.</summary>
    private static readonly Func<WsisTrackerDbContext, int, CancellationToken, Task<Commitment?>> UntrackedQuery =
        EF.CompileAsyncQuery((WsisTrackerDbContext db, int id, CancellationToken cancellationToken) => db.Commitments.AsNoTracking().SingleOrDefault(c => c.Id == id));

    private static Error? Check(Commitment? commitment, int id, uint expectedVersion) => Versioned.Check(commitment, What, id, expectedVersion);

    private const string What = "Commitment";

    private async Task<Result<CommitmentDetail>> SaveAsync(Commitment commitment, uint expectedVersion, CancellationToken cancellationToken) =>
        await TrySaveAsync(commitment, expectedVersion, cancellationToken) is { } conflict
            ? conflict
            : await reads.GetAsync(commitment.Id, cancellationToken);

    /// <summary>Saves with the version the caller read as the concurrency token; a newer one in the database is a mismatch.</summary>
    private async Task<Error?> TrySaveAsync(Commitment commitment, uint expectedVersion, CancellationToken cancellationToken)
    {
        db.Entry(commitment).Property(c => c.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion(What);
        }
        catch (DbUpdateException e) when (ConstraintViolation.Of(e) is { } violation)
        {
            // A stakeholder it now names was deleted after it was looked up.
            return violation.ToConflict();
        }
    }

    private Task<Commitment?> LoadAsync(int id, CancellationToken cancellationToken, bool tracked = true) =>
        (tracked ? db.Commitments : db.Commitments.AsNoTracking())
            .Include(c => c.Paragraphs)
            .Include(c => c.ActionLines)
            .Include(c => c.Stakeholders)
            .Include(c => c.Milestones.OrderBy(m => m.Order))
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>Validates the input and finds what it refers to; every unknown paragraph, code or slug is reported.</summary>
    private async Task<Result<CommitmentDefinition>> ResolveAsync(CommitmentInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        CommitmentDefinition.Validate(input, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), errors);

        var keys = (input.Paragraphs ?? []).Where(k => k is not null).Distinct().ToList();
        var slugs = keys.Select(k => k.Resolution).Distinct().ToList();
        var numbers = keys.Select(k => k.Number).Distinct().ToList();
        var paragraphs = await db.Paragraphs.AsNoTracking()
            .Where(p => p.Kind == ParagraphKind.Operative && slugs.Contains(p.Resolution!.Slug) && numbers.Contains(p.Number!.Value))
            .Select(p => new { p.Id, p.Resolution!.Slug, p.Part, Number = p.Number!.Value })
            .ToListAsync(cancellationToken);
        var paragraphIds = new List<int>();
        foreach (var key in keys)
        {
            var match = paragraphs.FirstOrDefault(p => p.Slug == key.Resolution && p.Number == key.Number && p.Part == key.Part);
            if (match is null)
            {
                errors.Add("paragraphs", key.Part is null
                    ? $"Resolution '{key.Resolution}' has no operative paragraph {key.Number}."
                    : $"Resolution '{key.Resolution}' has no paragraph {key.Number} in its part '{key.Part}'.");
            }
            else
            {
                paragraphIds.Add(match.Id);
            }
        }

        var codes = (input.ActionLines ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var upperCodes = codes.Select(c => c.ToUpperInvariant()).ToList();
        var actionLines = await db.ActionLines.AsNoTracking().Where(a => upperCodes.Contains(a.Code)).Select(a => new { a.Id, a.Code }).ToListAsync(cancellationToken);
        foreach (var code in codes.Where(c => !actionLines.Any(a => string.Equals(a.Code, c, StringComparison.OrdinalIgnoreCase))))
        {
            errors.Add("actionLines", $"There is no action line '{code}'.");
        }

        var leads = (input.LeadStakeholders ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).ToList();
        var partners = (input.PartnerStakeholders ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).ToList();
        var allSlugs = leads.Concat(partners).Distinct(StringComparer.Ordinal).ToList();
        var stakeholders = await db.Stakeholders.AsNoTracking().Where(s => allSlugs.Contains(s.Slug)).Select(s => new { s.Id, s.Slug }).ToListAsync(cancellationToken);
        foreach (var slug in leads.Where(s => stakeholders.All(x => x.Slug != s)))
        {
            errors.Add("leadStakeholders", $"There is no stakeholder '{slug}'.");
        }

        foreach (var slug in partners.Where(s => stakeholders.All(x => x.Slug != s)))
        {
            errors.Add("partnerStakeholders", $"There is no stakeholder '{slug}'.");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        int IdOf(string slug) => stakeholders.First(s => s.Slug == slug).Id;
        return new CommitmentDefinition(
            input.Title!.Trim(),
            input.Description!.Trim(),
            paragraphIds,
            actionLines.Select(a => a.Id).ToList(),
            leads.Select(IdOf).ToList(),
            partners.Select(IdOf).ToList(),
            input.TargetDate,
            string.IsNullOrWhiteSpace(input.TargetDateText) ? null : input.TargetDateText.Trim(),
            input.ReportingCadence,
            input.Milestones ?? []);
    }
}

/// <summary>A recorded progress update and the commitment's version after it.</summary>
public sealed record RecordedProgress(ProgressUpdateModel Update, uint CommitmentVersion);

/// <summary>The stakeholder a progress update is reported by: its public author.</summary>
public sealed record ReportingStakeholder(int Id, string Name);
