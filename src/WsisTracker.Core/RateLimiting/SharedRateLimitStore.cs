using System.Diagnostics;
using Npgsql;

namespace WsisTracker.Core.RateLimiting;

/// <summary>
/// Fixed-window counters in PostgreSQL, so a limit holds across every instance on the database (decision 123). A hit
/// is one statement: an upsert that opens the partition's window (or reopens an expired one) and counts the request,
/// returning the count and the seconds left. Windows open at a partition's first request and are timed by the
/// database's clock, one clock for every instance. Rows of windows closed for a minute are deleted at most once a
/// <see cref="CleanUpInterval"/> per instance, by the hit that finds it due.
/// </summary>
public sealed class SharedRateLimitStore(string connectionString)
{
    public static readonly TimeSpan CleanUpInterval = TimeSpan.FromMinutes(1);

    private const string HitSql = """
        INSERT INTO rate_limit_windows AS w (partition_key, expires_at, count)
        VALUES (@key, now() + @window, 1)
        ON CONFLICT (partition_key) DO UPDATE SET
            count = CASE WHEN w.expires_at <= now() THEN 1 ELSE w.count + 1 END,
            expires_at = CASE WHEN w.expires_at <= now() THEN now() + @window ELSE w.expires_at END
        RETURNING w.count, extract(epoch FROM w.expires_at - now())::float8
        """;

    private const string CleanUpSql = "DELETE FROM rate_limit_windows WHERE expires_at < now() - interval '1 minute'";

    private long _lastCleanUp = Stopwatch.GetTimestamp();

    /// <summary>Counts one request of the partition in its current window of length <paramref name="window"/>.</summary>
    public async Task<RateLimitHit> HitAsync(string partitionKey, TimeSpan window, CancellationToken cancellationToken)
    {
        if (partitionKey.Length > RateLimitWindow.PartitionKeyMaxLength)
        {
            throw new ArgumentException($"A partition key is at most {RateLimitWindow.PartitionKeyMaxLength} characters.", nameof(partitionKey));
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await CleanUpIfDueAsync(connection, cancellationToken);
        await using var command = new NpgsqlCommand(HitSql, connection);
        command.Parameters.Add(new NpgsqlParameter("key", NpgsqlTypes.NpgsqlDbType.Varchar) { Value = partitionKey });
        command.Parameters.Add(new NpgsqlParameter("window", NpgsqlTypes.NpgsqlDbType.Interval) { Value = window });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new RateLimitHit(reader.GetInt32(0), TimeSpan.FromSeconds(Math.Max(0, reader.GetDouble(1))));
    }

    private async Task CleanUpIfDueAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var last = Interlocked.Read(ref _lastCleanUp);
        if (Stopwatch.GetElapsedTime(last) < CleanUpInterval || Interlocked.CompareExchange(ref _lastCleanUp, Stopwatch.GetTimestamp(), last) != last)
        {
            return;
        }

        await using var command = new NpgsqlCommand(CleanUpSql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the rows of windows closed for over a minute now; returns how many.</summary>
    public async Task<int> CleanUpAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(CleanUpSql, connection);
        Interlocked.Exchange(ref _lastCleanUp, Stopwatch.GetTimestamp());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>A request's place in its window: the count including it, and how long until the window closes.</summary>
public readonly record struct RateLimitHit(int Count, TimeSpan RetryAfter);
