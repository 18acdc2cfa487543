using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Caching;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Countries;
using WsisTracker.Core.Data;
using WsisTracker.Core.Resolutions;

namespace WsisTracker.Core.Dashboard;

/// <summary>
/// The dashboard's figures, each from an aggregate query in PostgreSQL (never by loading commitments): a fixed number
/// of SQL commands whatever the data size.
/// </summary>
public sealed class DashboardService(WsisTrackerDbContext db, CommitmentReads commitments, ResolutionService resolutions, CountryService countries, ReadCache cache)
{
    public const int ListLength = 10;

    /// <summary>
    /// The dashboard, from the read cache's room for aggregates (see <see cref="ReadCache"/> for how fresh it is), of
    /// every commitment or of those citing a resolution, of stakeholders in an M49 area (<paramref name="region"/>) and
    /// of stakeholders whose country is in a grouping today (<paramref name="grouping"/>), as the list's filters mean them.
    /// Only dashboards of stored resolutions, areas and groupings are kept: a filter by an unknown slug or code is
    /// computed each time, so junk filters cannot fill the room the dashboard needs.
    /// </summary>
    public async Task<DashboardModel> GetAsync(string? resolution, string? region, string? grouping, CancellationToken cancellationToken)
    {
        var filter = new CommitmentFilter(Resolution: resolution, Region: region, Grouping: grouping);
        // A grouping is one of three codes (bounded at binding); a resolution or an area must be stored to be kept.
        if ((resolution is not null && !(await ResolutionsAsync(cancellationToken)).Any(r => r.Slug == resolution))
            || (region is not null && !(await countries.RegionsAsync(cancellationToken)).Any(r => r.Code == region)))
        {
            return await ComputeAsync(filter, cancellationToken);
        }

        // The day is part of the key: overdue and reporting statuses, and grouping memberships, change at midnight with
        // no write (decisions 085 and 110).
        return await cache.GetOrCreateAggregateAsync($"dashboard:{resolution}:{region}:{grouping}:{commitments.Today():yyyy-MM-dd}", () => ComputeAsync(filter, cancellationToken));
    }

    /// <summary>The dashboard of every commitment, or of those citing <paramref name="resolution"/>.</summary>
    public Task<DashboardModel> GetAsync(string? resolution, CancellationToken cancellationToken) => GetAsync(resolution, null, null, cancellationToken);

    private Task<IReadOnlyList<ResolutionSummary>> ResolutionsAsync(CancellationToken cancellationToken) =>
        cache.GetOrCreateAggregateAsync("resolutions:list", () => resolutions.ListAsync(cancellationToken));

    private async Task<DashboardModel> ComputeAsync(CommitmentFilter filter, CancellationToken cancellationToken)
    {
        var today = commitments.Today();
        var scoped = CommitmentReads.Filter(db, filter, today);
        var scopedOverdue = CommitmentReads.Filter(db, filter with { Overdue = true }, today);

        var totals = await commitments.CountByStatusAsync(filter, cancellationToken);

        var lines = await db.ActionLines.AsNoTracking()
            .OrderBy(a => a.Order)
            .Select(a => new { a.Id, a.Code, a.Title, a.ParentId, a.Order })
            .ToListAsync(cancellationToken);
        var lineFigures = await LinksWithParents(scoped)
            .Join(db.Commitments, link => link.CommitmentId, c => c.Id, (link, c) => new { link.ActionLineId, c.Status, Progress = c.ProgressPercent ?? 0 })
            .GroupBy(x => x.ActionLineId)
            .Select(g => new
            {
                ActionLineId = g.Key,
                Total = g.Count(),
                Achieved = g.Count(x => x.Status == CommitmentStatus.Achieved),
                Progress = g.Sum(x => x.Progress),
            })
            .ToDictionaryAsync(x => x.ActionLineId, cancellationToken);
        var lineOverdue = await LinksWithParents(scopedOverdue)
            .GroupBy(link => link.ActionLineId)
            .Select(g => new { ActionLineId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.ActionLineId, x => x.Count, cancellationToken);
        var reportingRows = scoped.Select(ReportingRules.Rows(today));
        var lineReporting = (await LinksWithParents(scoped)
            .Join(reportingRows, link => link.CommitmentId, r => r.Id, (link, r) => new { link.ActionLineId, r.Status, r.HasReport })
            .GroupBy(x => new { x.ActionLineId, x.Status, x.HasReport })
            .Select(g => new { g.Key.ActionLineId, g.Key.Status, g.Key.HasReport, Count = g.Count() })
            .ToListAsync(cancellationToken))
            .GroupBy(x => x.ActionLineId)
            .ToDictionary(g => g.Key, g => ReportingCounts.From(g.Select(x => (x.Status, x.HasReport, x.Count))));
        var actionLines = lines
            .OrderBy(l => l.ParentId is null ? l.Order : lines.First(p => p.Id == l.ParentId).Order).ThenBy(l => l.ParentId is not null).ThenBy(l => l.Order)
            .Select(l =>
            {
                var figures = lineFigures.GetValueOrDefault(l.Id);
                var total = figures?.Total ?? 0;
                return new ActionLineProgress(l.Code, l.Title, l.ParentId is not null, total, figures?.Achieved ?? 0, lineOverdue.GetValueOrDefault(l.Id), Average(figures?.Progress ?? 0, total))
                {
                    Reporting = lineReporting.GetValueOrDefault(l.Id) ?? ReportingCounts.None,
                };
            })
            .ToList();

        var groups = await db.Set<CommitmentStakeholder>().AsNoTracking()
            .Where(link => scoped.Any(c => c.Id == link.CommitmentId))
            .Select(link => new { link.Stakeholder!.Group, link.CommitmentId })
            .Distinct()
            .Join(db.Commitments, x => x.CommitmentId, c => c.Id, (x, c) => new { x.Group, c.Status, Progress = c.ProgressPercent ?? 0 })
            .GroupBy(x => x.Group)
            .Select(g => new
            {
                Group = g.Key,
                Total = g.Count(),
                Achieved = g.Count(x => x.Status == CommitmentStatus.Achieved),
                Progress = g.Sum(x => x.Progress),
            })
            .OrderBy(x => x.Group)
            .ToListAsync(cancellationToken);
        var groupOverdue = await db.Set<CommitmentStakeholder>().AsNoTracking()
            .Where(link => scopedOverdue.Any(c => c.Id == link.CommitmentId))
            .Select(link => new { link.Stakeholder!.Group, link.CommitmentId })
            .Distinct()
            .GroupBy(x => x.Group)
            .Select(g => new { Group = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Group, x => x.Count, cancellationToken);
        var groupReporting = (await db.Set<CommitmentStakeholder>().AsNoTracking()
            .Where(link => scoped.Any(c => c.Id == link.CommitmentId))
            .Select(link => new { link.Stakeholder!.Group, link.CommitmentId })
            .Distinct()
            .Join(reportingRows, x => x.CommitmentId, r => r.Id, (x, r) => new { x.Group, r.Status, r.HasReport })
            .GroupBy(x => new { x.Group, x.Status, x.HasReport })
            .Select(g => new { g.Key.Group, g.Key.Status, g.Key.HasReport, Count = g.Count() })
            .ToListAsync(cancellationToken))
            .GroupBy(x => x.Group)
            .ToDictionary(g => g.Key, g => ReportingCounts.From(g.Select(x => (x.Status, x.HasReport, x.Count))));

        var overdue = await commitments.ListAsync(filter with { Overdue = true }, CommitmentPageOrder.TargetDate, 1, ListLength, cancellationToken);
        var recent = await RecentUpdatesAsync(scoped, ListLength, cancellationToken);
        var lastChanged = await scoped.MaxAsync(c => (DateTimeOffset?)c.UpdatedAt, cancellationToken);
        var synthetic = await scoped.CountAsync(c => c.IsSynthetic, cancellationToken);

        return new DashboardModel(
            filter.Resolution,
            await ResolutionsAsync(cancellationToken),
            totals,
            actionLines,
            groups.Select(g => new GroupProgress(g.Group, g.Total, g.Achieved, groupOverdue.GetValueOrDefault(g.Group), Average(g.Progress, g.Total))
            {
                Reporting = groupReporting.GetValueOrDefault(g.Group) ?? ReportingCounts.None,
            }).ToList(),
            overdue.Value?.Items ?? [],
            recent,
            lastChanged,
            synthetic)
        {
            Region = filter.Region,
            Grouping = filter.Grouping,
            GroupingsAsOf = filter.Grouping is null ? null : today,
        };
    }

    /// <summary>
    /// (action line, commitment) pairs of the given commitments, where a commitment under a C7 sub-line also counts
    /// once for C7 itself (a UNION, so a commitment under C7 and a sub-line is not counted twice).
    /// </summary>
    private IQueryable<CommitmentActionLine> LinksWithParents(IQueryable<Commitment> scope)
    {
        var links = db.Set<CommitmentActionLine>().AsNoTracking().Where(link => scope.Any(c => c.Id == link.CommitmentId));
        return links
            .Select(link => new CommitmentActionLine { ActionLineId = link.ActionLineId, CommitmentId = link.CommitmentId })
            .Union(links.Where(link => link.ActionLine!.ParentId != null)
                .Select(link => new CommitmentActionLine { ActionLineId = link.ActionLine!.ParentId!.Value, CommitmentId = link.CommitmentId }));
    }

    /// <summary>The latest progress updates of the given commitments, newest recorded first.</summary>
    internal async Task<IReadOnlyList<RecentUpdate>> RecentUpdatesAsync(IQueryable<Commitment> scope, int count, CancellationToken cancellationToken) =>
        await RecentUpdates(db, scope, count).ToListAsync(cancellationToken);

    internal static IQueryable<RecentUpdate> RecentUpdates(WsisTrackerDbContext db, IQueryable<Commitment> scope, int count) =>
        db.ProgressUpdates.AsNoTracking()
            .Where(u => scope.Any(c => c.Id == u.CommitmentId))
            .Join(db.Commitments, u => u.CommitmentId, c => c.Id, (u, c) => new { Update = u, Commitment = c })
            .OrderByDescending(x => x.Update.RecordedAt).ThenByDescending(x => x.Update.Id)
            .Take(count)
            .Select(x => new RecentUpdate(
                x.Update.Id, x.Commitment.Id, x.Commitment.Code, x.Commitment.Title, x.Update.Status, x.Update.ProgressPercent, x.Update.Note,
                x.Update.EvidenceLinks, x.Update.AsOf, ProgressUpdate.PublicAuthor(x.Update.ReportingStakeholder!.Name), x.Update.RecordedAt, x.Commitment.IsSynthetic));

    private static int Average(int sum, int count) => count == 0 ? 0 : (int)Math.Round((double)sum / count);
}
