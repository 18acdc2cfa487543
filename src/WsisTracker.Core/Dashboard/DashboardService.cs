using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Data;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Core.Dashboard;

public sealed record StatusCount(CommitmentStatus Status, int Count);

public sealed record ActionLineCount(string Code, string Title, int Count);

public sealed record StakeholderGroupCount(StakeholderGroup Group, int Count);

/// <summary>The latest change to a commitment: which one and when.</summary>
public sealed record LastChange(int CommitmentId, string Code, string Title, DateTimeOffset UpdatedAt);

/// <summary>
/// The dashboard's aggregates over the commitments that are not withdrawn (of one resolution, or all): totals, by
/// status, by action line (a sub-line counts under its own code), by stakeholder group (a commitment counts once per
/// group it names), overdue, and the latest change.
/// </summary>
public sealed record DashboardModel(
    string? Resolution,
    int Total,
    int Withdrawn,
    int Overdue,
    IReadOnlyList<StatusCount> ByStatus,
    IReadOnlyList<ActionLineCount> ByActionLine,
    IReadOnlyList<StakeholderGroupCount> ByStakeholderGroup,
    LastChange? LastChange,
    DateOnly AsOf);

/// <summary>Dashboard figures, each computed by one aggregate query in PostgreSQL (no rows are loaded to count).</summary>
public sealed class DashboardService(WsisTrackerDbContext db, TimeProvider time)
{
    public async Task<DashboardModel> GetAsync(string? resolution, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var all = db.Commitments.AsNoTracking()
            .Where(c => resolution == null || c.Paragraphs.Any(p => p.Paragraph!.Resolution!.Slug == resolution));
        var live = all.Where(c => c.WithdrawnAt == null);

        var withdrawn = await all.CountAsync(c => c.WithdrawnAt != null, cancellationToken);
        var overdue = await live.Where(Commitment.OverdueOn(today)).CountAsync(cancellationToken);
        var byStatus = await live.GroupBy(c => c.Status)
            .Select(g => new StatusCount(g.Key, g.Count()))
            .ToListAsync(cancellationToken);
        var byActionLine = await db.Set<CommitmentActionLine>().AsNoTracking()
            .Where(a => live.Any(c => c.Id == a.CommitmentId))
            .GroupBy(a => new { a.ActionLine!.Code, a.ActionLine.Title, a.ActionLine.Order })
            .OrderBy(g => g.Key.Order)
            .Select(g => new ActionLineCount(g.Key.Code, g.Key.Title, g.Count()))
            .ToListAsync(cancellationToken);
        var byGroup = await db.Set<CommitmentStakeholder>().AsNoTracking()
            .Where(s => live.Any(c => c.Id == s.CommitmentId))
            .GroupBy(s => s.Stakeholder!.Group)
            .Select(g => new StakeholderGroupCount(g.Key, g.Select(s => s.CommitmentId).Distinct().Count()))
            .ToListAsync(cancellationToken);
        var last = await all.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id)
            .Select(c => new LastChange(c.Id, c.Code, c.Title, c.UpdatedAt))
            .FirstOrDefaultAsync(cancellationToken);

        var statuses = Enum.GetValues<CommitmentStatus>()
            .Select(status => new StatusCount(status, byStatus.FirstOrDefault(s => s.Status == status)?.Count ?? 0))
            .ToList();
        var groups = Enum.GetValues<StakeholderGroup>()
            .Select(group => new StakeholderGroupCount(group, byGroup.FirstOrDefault(g => g.Group == group)?.Count ?? 0))
            .ToList();
        return new DashboardModel(resolution, statuses.Sum(s => s.Count), withdrawn, overdue, statuses, byActionLine, groups, last, today);
    }
}
