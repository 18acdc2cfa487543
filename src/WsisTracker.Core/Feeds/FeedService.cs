using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Dashboard;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Feeds;

/// <summary>What an Atom feed of progress updates holds: its subject and the latest updates, newest first.</summary>
public sealed record UpdateFeed(string Title, string Key, IReadOnlyList<RecentUpdate> Entries, DateTimeOffset? Updated);

/// <summary>The progress updates behind the Atom feeds: all of them, one action line's (with its sub-lines), one commitment's.</summary>
public sealed class FeedService(WsisTrackerDbContext db, CommitmentReads commitments)
{
    public const int MaxEntries = 50;

    public Task<UpdateFeed> AllAsync(CancellationToken cancellationToken) =>
        BuildAsync("WSIS Tracker: all progress updates", "all", new CommitmentFilter(), cancellationToken);

    public async Task<Result<UpdateFeed>> ForActionLineAsync(string code, CancellationToken cancellationToken)
    {
        var line = await db.ActionLines.AsNoTracking().Where(a => a.Code == code).Select(a => new { a.Code, a.Title }).SingleOrDefaultAsync(cancellationToken);
        if (line is null)
        {
            return Error.NotFound("Action line", code);
        }

        return await BuildAsync($"WSIS Tracker: progress updates on {line.Code} {line.Title}", $"action-line:{line.Code}", new CommitmentFilter(ActionLine: line.Code), cancellationToken);
    }

    public async Task<Result<UpdateFeed>> ForCommitmentAsync(int id, CancellationToken cancellationToken)
    {
        var title = await db.Commitments.AsNoTracking().Where(c => c.Id == id).Select(c => c.Title).SingleOrDefaultAsync(cancellationToken);
        if (title is null)
        {
            return Error.NotFound("Commitment", id);
        }

        var scope = db.Commitments.AsNoTracking().Where(c => c.Id == id);
        var entries = await DashboardService.RecentUpdates(db, scope, MaxEntries).ToListAsync(cancellationToken);
        return new UpdateFeed($"WSIS Tracker: progress updates on “{title}”", $"commitment:{id}", entries, entries.FirstOrDefault()?.RecordedAt);
    }

    private async Task<UpdateFeed> BuildAsync(string title, string key, CommitmentFilter filter, CancellationToken cancellationToken)
    {
        var scope = CommitmentReads.Filter(db, filter, commitments.Today());
        var entries = await DashboardService.RecentUpdates(db, scope, MaxEntries).ToListAsync(cancellationToken);
        return new UpdateFeed(title, key, entries, entries.FirstOrDefault()?.RecordedAt);
    }
}
