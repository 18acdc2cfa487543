using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.ApiKeys;

/// <summary>A finished response, as it is stored and replayed.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Body, IReadOnlyDictionary<string, string> Headers);

public enum IdempotencyOutcome
{
    /// <summary>The key is new (or its earlier request failed): run the request inside the claim.</summary>
    Run,

    /// <summary>The same request was answered before: send <see cref="IdempotencyClaim.Replay"/>.</summary>
    Replay,

    /// <summary>A request with this key is running now.</summary>
    InProgress,

    /// <summary>The key was used for another request.</summary>
    KeyReused,
}

/// <summary>
/// The rule of <c>Idempotency-Key</c> (decision 040). A claim opens a transaction on the request's
/// <see cref="WsisTrackerDbContext"/> and takes a transaction-scoped advisory lock on (API key, key): every write of the
/// request joins that transaction (an audited save and recording progress use the open one), and the answer is
/// stored in it by <see cref="IdempotencyClaim.CompleteAsync"/> before it commits. So a record exists exactly when its
/// write was committed: a failure, an abandoned request or a crashed process rolls both back and releases the lock,
/// and the retry runs again. Only finished successes (2xx) are stored; a refusal (4xx) wrote nothing and is not
/// replayed, so a corrected retry runs.
/// </summary>
public sealed class IdempotencyRecords(WsisTrackerDbContext db, TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>The headers a replay carries.</summary>
    public static readonly IReadOnlyList<string> ReplayedHeaders = ["Location", "ETag", "Commitment-ETag"];

    /// <summary>A key is 1 to <see cref="Limits.IdempotencyKey"/> visible ASCII characters.</summary>
    public static Error? ValidateKey(string header, string key) =>
        key.Length is 0 or > Limits.IdempotencyKey || key.Any(c => c is < '!' or > '~')
            ? Error.Validation(header, $"An idempotency key is 1 to {Limits.IdempotencyKey} visible ASCII characters.")
            : null;

    /// <summary>Only a finished success is stored and replayed.</summary>
    public static bool IsStored(int statusCode) => statusCode is >= 200 and < 300;

    public async Task<IdempotencyClaim> ClaimAsync(int apiKeyId, string key, string requestHash, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("An idempotency claim opens the request's transaction; one is open already.");
        }

        var now = time.GetUtcNow();
        var oldest = now - Retention;
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM idempotency_records WHERE created_at < {oldest}", cancellationToken);

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey(apiKeyId, key)}) AS \"Value\"").ToListAsync(cancellationToken);
            if (locked is not [true])
            {
                await transaction.DisposeAsync();
                WsisMetrics.IdempotencyConflict("in-progress");
                return new IdempotencyClaim(IdempotencyOutcome.InProgress);
            }

            // A status of 0 is a claim the version before decision 040 left behind; it answers nothing.
            var record = await db.IdempotencyRecords.AsNoTracking()
                .SingleOrDefaultAsync(r => r.ApiKeyId == apiKeyId && r.Key == key && r.CreatedAt >= oldest && r.StatusCode != 0, cancellationToken);
            if (record is not null)
            {
                await transaction.DisposeAsync();
                if (record.RequestHash != requestHash)
                {
                    WsisMetrics.IdempotencyConflict("key-reused");
                }
                else
                {
                    WsisMetrics.IdempotencyReplay();
                }

                return record.RequestHash != requestHash
                    ? new IdempotencyClaim(IdempotencyOutcome.KeyReused)
                    : new IdempotencyClaim(IdempotencyOutcome.Replay, new StoredResponse(record.StatusCode, record.ContentType, record.Body, ReadHeaders(record.Headers)));
            }

            return new IdempotencyClaim(IdempotencyOutcome.Run, null, db, transaction, new Pending(apiKeyId, key, requestHash, now));
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>The advisory lock of a key: the first 8 bytes of SHA-256 of the API key id and the key.</summary>
    private static long LockKey(int apiKeyId, string key) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"idempotency {apiKeyId} {key}")), 0);

    private static Dictionary<string, string> ReadHeaders(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    internal sealed record Pending(int ApiKeyId, string Key, string RequestHash, DateTimeOffset CreatedAt);
}

/// <summary>
/// The outcome of a claim; for <see cref="IdempotencyOutcome.Run"/> also the open transaction the request writes in.
/// Disposing it without <see cref="CompleteAsync"/> rolls back the request's writes and releases the key.
/// </summary>
public sealed class IdempotencyClaim : IAsyncDisposable
{
    private readonly WsisTrackerDbContext? _db;
    private readonly IDbContextTransaction? _transaction;
    private readonly IdempotencyRecords.Pending? _pending;
    private bool _ended;

    internal IdempotencyClaim(IdempotencyOutcome outcome, StoredResponse? replay = null, WsisTrackerDbContext? db = null, IDbContextTransaction? transaction = null, IdempotencyRecords.Pending? pending = null)
    {
        Outcome = outcome;
        Replay = replay;
        _db = db;
        _transaction = transaction;
        _pending = pending;
        _ended = transaction is null;
    }

    public IdempotencyOutcome Outcome { get; }

    public StoredResponse? Replay { get; }

    /// <summary>Stores the answer with the request's writes and commits them together; the client leaving now changes nothing.</summary>
    public async Task CompleteAsync(StoredResponse response)
    {
        if (_ended || _db is null || _transaction is null || _pending is not { } pending)
        {
            throw new InvalidOperationException("Only a running claim completes, once.");
        }

        if (!IdempotencyRecords.IsStored(response.StatusCode))
        {
            throw new InvalidOperationException($"A {response.StatusCode} answer is not stored.");
        }

        _ended = true;
        var headers = JsonSerializer.Serialize(response.Headers);
        try
        {
            // Raw SQL keeps these transport rows out of the audit trail.
            await _db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO idempotency_records (api_key_id, key, request_hash, status_code, content_type, body, headers, created_at)
                VALUES ({pending.ApiKeyId}, {pending.Key}, {pending.RequestHash}, {response.StatusCode}, {response.ContentType}, {response.Body}, {headers}::jsonb, {pending.CreatedAt})
                ON CONFLICT (api_key_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status_code = EXCLUDED.status_code,
                    content_type = EXCLUDED.content_type, body = EXCLUDED.body, headers = EXCLUDED.headers, created_at = EXCLUDED.created_at
                """,
                CancellationToken.None);
            await _transaction.CommitAsync(CancellationToken.None);
        }
        finally
        {
            await _transaction.DisposeAsync();

            // Saves in the transaction told the read cache before they were committed; tell it again now they are.
            _db.ReadCache?.Invalidate();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ended && _transaction is not null)
        {
            _ended = true;
            await _transaction.DisposeAsync();
            _db?.ReadCache?.Invalidate();
        }
    }
}
