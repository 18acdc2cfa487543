using System.Globalization;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Commitments;

/// <summary>One progress update as the change feed serves it, with the commitment it belongs to.</summary>
public sealed record ProgressFeedItem(
    long Id,
    int CommitmentId,
    string CommitmentCode,
    CommitmentStatus Status,
    int? ProgressPercent,
    string? Note,
    IReadOnlyList<string> EvidenceLinks,
    DateOnly AsOf,
    string Author,
    DateTimeOffset RecordedAt);

/// <summary>A page of the feed and the cursor to ask for what follows (always set: poll with it later).</summary>
public sealed record ProgressFeedPage(IReadOnlyList<ProgressFeedItem> Items, string Next);

/// <summary>
/// The change feed of progress updates. Ids come from a sequence, so a transaction can commit a smaller id after a
/// larger one was read; paging by id alone would skip it. The feed therefore orders rows by the id of the transaction
/// that wrote them, then by row id, and serves only rows of transactions older than the oldest one still running
/// (<c>pg_snapshot_xmin(pg_current_snapshot())</c>). Every later commit has a transaction id at or above that horizon,
/// so it sorts after everything already served: a reader that follows <see cref="ProgressFeedPage.Next"/> sees each
/// update exactly once. The price is a lag as long as the longest running transaction.
/// </summary>
public sealed class ChangeFeed(WsisTrackerDbContext db)
{
    public const string TransactionIdProperty = "TransactionId";
    public const int MaxLimit = 200;

    /// <summary>
    /// Up to <paramref name="limit"/> updates after <paramref name="since"/>: empty (from the start), an ISO 8601 time
    /// (updates recorded since then), or a cursor from <see cref="ProgressFeedPage.Next"/>.
    /// </summary>
    public async Task<Result<ProgressFeedPage>> ReadAsync(string? since, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Error.Validation("limit", $"The limit is between 1 and {MaxLimit}.");
        }

        var position = (Transaction: 0L, Id: 0L);
        DateTimeOffset? from = null;
        if (!string.IsNullOrWhiteSpace(since))
        {
            if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && since.Contains('-', StringComparison.Ordinal))
            {
                from = time.ToUniversalTime();
            }
            else if (TryParseCursor(since, out var cursor))
            {
                position = cursor;
            }
            else
            {
                return Error.Validation("since", "Give an ISO 8601 time such as 2026-01-31T00:00:00Z, or the 'next' cursor of an earlier page.");
            }
        }

        var horizon = await db.Database
            .SqlQueryRaw<long>("SELECT (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint AS \"Value\"")
            .SingleAsync(cancellationToken);
        var (tx, id) = position;
        var query = db.ProgressUpdates.AsNoTracking()
            .Where(u => EF.Property<long>(u, TransactionIdProperty) < horizon)
            .Where(u => EF.Property<long>(u, TransactionIdProperty) > tx || (EF.Property<long>(u, TransactionIdProperty) == tx && u.Id > id));
        if (from is { } start)
        {
            query = query.Where(u => u.RecordedAt >= start);
        }

        var rows = await query
            .OrderBy(u => EF.Property<long>(u, TransactionIdProperty)).ThenBy(u => u.Id)
            .Take(limit)
            .Select(u => new
            {
                Transaction = EF.Property<long>(u, TransactionIdProperty),
                Item = new ProgressFeedItem(
                    u.Id,
                    u.CommitmentId,
                    db.Commitments.Where(c => c.Id == u.CommitmentId).Select(c => c.Code).First(),
                    u.Status,
                    u.ProgressPercent,
                    u.Note,
                    u.EvidenceLinks,
                    u.AsOf,
                    ProgressUpdate.PublicAuthor(u.ReportingStakeholder!.Name),
                    u.RecordedAt),
            })
            .ToListAsync(cancellationToken);

        // A short page means every finished transaction was read: whatever commits later sorts at or after the horizon.
        var next = rows.Count == limit ? (rows[^1].Transaction, rows[^1].Item.Id) : Max(position, (horizon - 1, long.MaxValue));
        return new ProgressFeedPage(rows.Select(r => r.Item).ToList(), FormatCursor(next));
    }

    private static (long, long) Max((long Transaction, long Id) a, (long Transaction, long Id) b) =>
        a.Transaction > b.Transaction || (a.Transaction == b.Transaction && a.Id >= b.Id) ? a : b;

    private static string FormatCursor((long Transaction, long Id) position) =>
        Cursor.Encode($"f1.{position.Transaction}.{position.Id}");

    private static bool TryParseCursor(string cursor, out (long, long) position)
    {
        position = default;
        if (Cursor.TryDecode(cursor, out var text)
            && text.Split('.') is ["f1", var t, var i]
            && long.TryParse(t, CultureInfo.InvariantCulture, out var transaction)
            && long.TryParse(i, CultureInfo.InvariantCulture, out var id))
        {
            position = (transaction, id);
            return true;
        }

        return false;
    }
}
