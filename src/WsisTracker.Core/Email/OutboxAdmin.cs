using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Email;

public sealed record OutboxMessageModel(
    long Id,
    string MessageId,
    string Kind,
    string ToAddress,
    string Subject,
    string Reason,
    string ActPath,
    OutboxState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    int Attempts,
    int GiveUpAfter,
    DateTimeOffset? LastAttemptAt,
    string? LastError,
    string? LeasedBy,
    DateTimeOffset? SentAt)
{
    /// <summary>The language the subject and reason are written in (decision 130).</summary>
    public string Culture { get; init; } = MailText.English;
}

public sealed record OutboxOverview(PagedResult<OutboxMessageModel> Messages, IReadOnlyDictionary<OutboxState, int> CountsByState, OutboxState? State);

/// <summary>The administrators' view of the outbox (<c>/admin/outbox</c>): messages newest first, their state and failures, and retry.</summary>
public sealed class OutboxAdmin(WsisTrackerDbContext db)
{
    public const int PageSize = 50;

    public async Task<Result<OutboxOverview>> ListAsync(OutboxState? state, int page, CancellationToken cancellationToken)
    {
        if (page is < 1 or > PagedResult<OutboxMessageModel>.MaxPage)
        {
            return Error.Validation("page", $"Page numbers run from 1 to {PagedResult<OutboxMessageModel>.MaxPage}.");
        }

        var counts = await db.OutboxMessages.AsNoTracking()
            .GroupBy(m => m.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.State, g => g.Count, cancellationToken);
        var query = db.OutboxMessages.AsNoTracking();
        if (state is { } only)
        {
            query = query.Where(m => m.State == only);
        }

        var items = await query
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(m => new OutboxMessageModel(m.Id, m.MessageId, m.Kind, m.ToAddress, m.Subject, m.Reason, m.ActPath, m.State, m.CreatedAt,
                m.NextAttemptAt, m.Attempts, m.GiveUpAfter, m.LastAttemptAt, m.LastError, m.LeasedBy, m.SentAt)
            { Culture = m.Culture })
            .ToListAsync(cancellationToken);
        var total = state is { } s ? counts.GetValueOrDefault(s) : counts.Values.Sum();
        return new OutboxOverview(new PagedResult<OutboxMessageModel>(items, page, PageSize, total), counts, state);
    }

    /// <summary>
    /// Sends a failed or waiting message at the next round, with <see cref="Outbox.DefaultAttempts"/> more attempts for
    /// a failed one. A message being sent or already sent is left alone (<c>outbox-not-retryable</c>): retrying a sent
    /// one would mail it twice.
    /// </summary>
    public async Task<Result<long>> RetryAsync(long id, CancellationToken cancellationToken)
    {
        var now = db.UtcNow;
        var changed = await db.Database.ExecuteSqlAsync($"""
            UPDATE outbox_messages
            SET state = 'Pending', next_attempt_at = {now},
                give_up_after = CASE WHEN state = 'Failed' THEN attempts + {Outbox.DefaultAttempts} ELSE give_up_after END
            WHERE id = {id} AND state IN ('Pending', 'Failed')
            """, cancellationToken);
        if (changed == 1)
        {
            return id;
        }

        return await db.OutboxMessages.AnyAsync(m => m.Id == id, cancellationToken)
            ? new Error(ErrorKind.Conflict, "outbox-not-retryable", "The message is being sent or was sent already; it is not sent again.")
            : Error.NotFound("Outbox message", id);
    }
}
