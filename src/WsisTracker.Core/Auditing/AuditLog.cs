using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Auditing;

/// <summary>Filters of the audit log browser; every one optional. Dates are inclusive UTC days.</summary>
public sealed record AuditFilter(string? Actor = null, string? EntityType = null, string? Action = null, string? EntityKey = null, DateOnly? From = null, DateOnly? To = null);

public sealed record AuditEntryModel(long Id, DateTimeOffset OccurredAt, string Actor, ActorKind ActorKind, string Action, string EntityType, string EntityKey, string? Before, string? After);

/// <summary>Reads the append-only audit log for the staff-only browser, newest first.</summary>
public sealed class AuditLog(WsisTrackerDbContext db)
{
    public const int PageSize = 50;

    public async Task<PagedResult<AuditEntryModel>> ListAsync(AuditFilter filter, int page, CancellationToken cancellationToken)
    {
        page = Math.Max(page, 1);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = $"%{Escape(filter.Actor.Trim())}%";
            query = query.Where(e => EF.Functions.ILike(e.Actor, actor, "\\"));
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(e => e.EntityType == filter.EntityType.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityKey))
        {
            var key = $"%{Escape(filter.EntityKey.Trim())}%";
            query = query.Where(e => EF.Functions.ILike(e.EntityKey, key, "\\"));
        }

        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.OccurredAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.OccurredAt < end);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(e => new AuditEntryModel(e.Id, e.OccurredAt, e.Actor, e.ActorKind, e.Action, e.EntityType, e.EntityKey, e.Before, e.After))
            .ToListAsync(cancellationToken);
        return new PagedResult<AuditEntryModel>(items, page, PageSize, total);
    }

    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken cancellationToken) =>
        await db.AuditEntries.AsNoTracking().Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
