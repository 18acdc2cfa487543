using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Common;
using WsisTracker.Core.Reports;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Reliability;

/// <summary>Races on progress reports, each side in its own scope and connection: one wins, the others see a conflict, nothing is lost or doubled.</summary>
[Collection(AppCollection.Name)]
public sealed class ReportRaceTests(WsisTrackerFactory app)
{
    private const int Racers = 8;

    [Fact]
    public async Task ReviewersRacingOnOneReport_OneDecisionWins_TheOthersGetStaleVersion_AndOneProgressUpdateIsRecorded()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        var submitted = await app.SubmittedReportAsync(contributor, commitmentId, WsisTrackerFactory.OnTrack(40));

        using var start = new SemaphoreSlim(0, Racers);
        var racers = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await app.ReportsAsync(r => (i % 3) switch
            {
                0 => r.ApproveAsync(WsisTrackerFactory.Reviewer(), submitted.Id, submitted.Version, CancellationToken.None),
                1 => r.ReturnAsync(WsisTrackerFactory.Reviewer(), submitted.Id, $"Reviewer {i}", submitted.Version, CancellationToken.None),
                _ => r.RejectAsync(WsisTrackerFactory.Reviewer(), submitted.Id, $"Reviewer {i}", submitted.Version, CancellationToken.None),
            }, $"reviewer-{i}@example.org");
        })).ToList();
        start.Release(Racers);
        var outcomes = await Task.WhenAll(racers);

        var winner = Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal(ErrorKind.StaleVersion, o.Error!.Kind));
        var events = await app.WithDbAsync(db => db.Set<ProgressReportEvent>().Where(e => e.ReportId == submitted.Id).CountAsync());
        Assert.Equal(3, events);
        var updates = await app.ProgressUpdatesOfAsync(commitmentId);
        Assert.Equal(winner.Value!.State == ReportState.Approved ? 1 : 0, updates.Count);
    }

    [Fact]
    public async Task ContributorsRacingToReportOnOneCommitment_OpenOneReport_TheOthersAreToldToContinueIt()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributors = new List<Contributor>();
        for (var i = 0; i < Racers; i++)
        {
            contributors.Add(await app.CreateContributorAsync(slug));
        }

        using var start = new SemaphoreSlim(0, Racers);
        var racers = contributors.Select((c, i) => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await app.ReportsAsync(r => r.CreateDraftAsync(c.Principal, commitmentId, null, WsisTrackerFactory.OnTrack(10 + i), CancellationToken.None), c.Login.Email);
        })).ToList();
        start.Release(Racers);
        var outcomes = await Task.WhenAll(racers);

        var winner = Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal("report-open", o.Error!.Code));
        var stored = await app.WithDbAsync(db => db.ProgressReports.Where(r => r.CommitmentId == commitmentId).Select(r => r.Id).ToListAsync());
        Assert.Equal([winner.Value!.Id], stored);
    }
}
