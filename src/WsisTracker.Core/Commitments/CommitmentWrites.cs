using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Commitments;

/// <summary>
/// The tracked writes of a commitment (create, revise, withdraw, and the checks of a preview), for the pages, the API
/// and imports alike; what the input refers to is found by <see cref="CommitmentReferences"/>, and progress is recorded
/// by <see cref="ProgressRecorder"/>. Each method checks the version the caller read (PostgreSQL <c>xmin</c>): a stale
/// version is refused, so no edit silently overwrites another.
/// </summary>
public sealed class CommitmentWrites(WsisTrackerDbContext db, TimeProvider time, CommitmentReads reads, CommitmentReferences references)
{
    public async Task<Result<CommitmentDetail>> CreateAsync(CommitmentInput input, CancellationToken cancellationToken)
    {
        var definition = await references.ResolveAsync(input, cancellationToken);
        if (!definition.Succeeded)
        {
            return definition.Error!;
        }

        var commitment = new Commitment { Code = $"c-{Guid.NewGuid():N}"[..14], Title = "", Description = "" };
        commitment.Define(definition.Value!, time.GetUtcNow());
        return await AddAsync(commitment, includeProposed: false, cancellationToken);
    }

    /// <summary>Stores a new commitment and answers its detail; a stakeholder it names deleted since the lookup is a conflict.</summary>
    private async Task<Result<CommitmentDetail>> AddAsync(Commitment commitment, bool includeProposed, CancellationToken cancellationToken)
    {
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

        return await reads.GetAsync(commitment.Id, cancellationToken, includeProposed);
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

        var definition = await references.ResolveAsync(input, cancellationToken);
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

        return await AddAsync(commitment, includeProposed: true, cancellationToken);
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

        var definition = await references.ResolveAsync(input, cancellationToken);
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
        var definition = await references.ResolveAsync(input, cancellationToken);
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

        var definition = await references.ResolveAsync(input, cancellationToken);
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

    internal static Error? Check(Commitment? commitment, int id, uint expectedVersion) => Versioned.Check(commitment, What, id, expectedVersion);

    internal const string What = "Commitment";

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
}
