using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WsisTracker.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the SQL commands the app sends, so a test can prove a page's count does not grow with the data, and the
/// savepoints it creates (each one two more round trips).
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor, IDbTransactionInterceptor
{
    private const int MaxTexts = 10_000;
    private readonly ConcurrentQueue<RecordedCommand> _commands = new();
    private int _count;
    private int _savepoints;

    public int Count => Volatile.Read(ref _count);

    public int Savepoints => Volatile.Read(ref _savepoints);

    /// <summary>The text of the commands counted since the last <see cref="Reset"/> (the first <see cref="MaxTexts"/>).</summary>
    public IReadOnlyList<string> Texts => [.. _commands.Select(c => c.Text)];

    /// <summary>As <see cref="Texts"/>, with each command's parameters (name without '@', value) in order.</summary>
    public IReadOnlyList<RecordedCommand> Commands => [.. _commands];

    public void Reset()
    {
        _commands.Clear();
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _savepoints, 0);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Counted(command);
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
        Counted(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Counted(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Counted(DbCommand command)
    {
        if (_commands.Count < MaxTexts)
        {
            _commands.Enqueue(new RecordedCommand(
                command.CommandText,
                [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName.TrimStart('@'), p.Value))]));
        }

        Interlocked.Increment(ref _count);
    }
}

/// <summary>A command's text and its parameters, as sent.</summary>
public sealed record RecordedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);
