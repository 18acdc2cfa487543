using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WsisTracker.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the SQL commands the app sends, so a test can prove a page's count does not grow with the data, and the
/// savepoints it creates (each one two more round trips).
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor, IDbTransactionInterceptor
{
    private int _count;
    private int _savepoints;

    public int Count => Volatile.Read(ref _count);

    public int Savepoints => Volatile.Read(ref _savepoints);

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _savepoints, 0);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    ValueTask<InterceptionResult> IDbTransactionInterceptor.CreatingSavepointAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _savepoints);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}
