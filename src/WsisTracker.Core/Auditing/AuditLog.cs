using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Auditing;

/// <summary>Filters of the audit log browser; every one optional. Dates are inclusive UTC days.</summary>
public sealed record AuditFilter(string? Actor = null, string? EntityType = null, string? Action = null, string? EntityKey = null, DateOnly? From = null, DateOnly? To = null);

public sealed record AuditEntryModel(long Id, DateTimeOffset OccurredAt, string Actor, ActorKind ActorKind, string Action, string EntityType, string EntityKey, string? Before, string? After);

/// <summary>Reads the append-only audit log for the staff-only browser, newest first.</summary>
public sealed class AuditLog(WsisTrackerDbContext db)
{
    public const int PageSize = 50;

    /// <summary>One page of the entries under the filter; a page outside 1..<see cref="PagedResult{T}.MaxPage"/> is refused.</summary>
    public async Task<Result<PagedResult<AuditEntryModel>>> ListAsync(AuditFilter filter, int page, CancellationToken cancellationToken)
    {
        if (page is < 1 or > PagedResult<AuditEntryModel>.MaxPage)
        {
            var errors = new FieldErrors();
            errors.Add("page", $"Page numbers run from 1 to {PagedResult<AuditEntryModel>.MaxPage}.");
            return errors.ToError();
        }

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
