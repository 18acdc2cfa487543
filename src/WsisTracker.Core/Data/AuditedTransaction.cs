using Microsoft.EntityFrameworkCore.Storage;
using WsisTracker.Core.Auditing;

namespace WsisTracker.Core.Data;

/// <summary>
/// The one home of an audited write: "open a transaction if none, audit, commit, invalidate the read cache". It joins
/// the transaction already open on the context (an idempotency claim's, decision 040, or a CSV import's) or opens one
/// of its own; <see cref="CompleteAsync"/> appends the write's audit rows and commits a transaction of its own;
/// disposing it ends one never completed (rolling the write back) and tells the read cache. A tracked save
/// (<see cref="WsisTrackerDbContext.SaveChangesAsync(bool, CancellationToken)"/>) and the raw-SQL progress recorder
/// (decision 036) both write through it, so an idempotency record is stored in the transaction of the write it answers.
/// </summary>
/// <remarks>
/// It adds no command: BEGIN travels with the write's first statement and COMMIT is the one a write needs anyway.
/// </remarks>
internal sealed class AuditedTransaction : IAsyncDisposable
{
    private readonly WsisTrackerDbContext _db;
    private readonly IDbContextTransaction? _own;

    private AuditedTransaction(WsisTrackerDbContext db, IDbContextTransaction? own)
    {
        _db = db;
        _own = own;
    }

    public static async Task<AuditedTransaction> BeginAsync(WsisTrackerDbContext db, CancellationToken cancellationToken) =>
        new(db, db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null);

    /// <summary>
    /// Whether the write has the transaction to itself: then a failure rolls all of it back, so a save inside needs
    /// no savepoint (one would cost two more round trips a write, SAVEPOINT and RELEASE).
    /// </summary>
    public bool IsOwn => _own is not null;

    /// <summary>
    /// Appends the audit rows of what was written and the change notification to the other instances (sent by
    /// PostgreSQL when the outermost transaction commits: decision 122), then commits a transaction of its own.
    /// </summary>
    public async Task CompleteAsync(AuditTrail trail, string actor, ActorKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await trail.WriteAsync(_db.Database, actor, kind, now, _db.ReadCache?.ChangeOrigin, cancellationToken);
        if (_own is not null)
        {
            // Written and audited: a client that leaves now does not roll the change back.
            await _own.CommitAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_own is not null)
            {
                await _own.DisposeAsync();
            }
        }
        finally
        {
            _db.ReadCache?.Invalidate();
        }
    }
}
