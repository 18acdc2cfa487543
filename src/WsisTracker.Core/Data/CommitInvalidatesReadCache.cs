using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WsisTracker.Core.Data;

/// <summary>
/// Starts a new read-cache generation after every commit. A save invalidates at once, but inside an outer
/// transaction (a CSV import) its rows are not visible yet: a read in between would cache what it saw, the old data,
/// under the new generation. Invalidating again once the outermost transaction has committed drops that entry.
/// </summary>
public sealed class CommitInvalidatesReadCache : DbTransactionInterceptor
{
    public static readonly CommitInvalidatesReadCache Instance = new();

    private CommitInvalidatesReadCache()
    {
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as WsisTrackerDbContext)?.ReadCache?.Invalidate();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as WsisTrackerDbContext)?.ReadCache?.Invalidate();
        return Task.CompletedTask;
    }
}
