using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Stakeholders;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Reporting;

/// <summary>Arranges commitments with a reporting cadence and reports dated as a test needs, through the one write path.</summary>
internal static class ReportingArrange
{
    public static async Task<int> CommitmentAsync(WsisTrackerFactory app, string title, ReportingCadence? cadence, string lead = "itu", string actionLine = "C4", DateOnly? target = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("integration-tests", ActorKind.System);
        var created = await scope.ServiceProvider.GetRequiredService<CommitmentWrites>().CreateAsync(
            new CommitmentInput(title, "Arranged by a reporting test.", [new ParagraphKey("a-res-80-173", 99)], [actionLine], [lead], [], target, null, cadence, []),
            CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value!.Id;
    }

    /// <summary>Records a report (progress update) as of the given date, with a note and an evidence link.</summary>
    public static async Task ReportAsync(WsisTrackerFactory app, int id, DateOnly asOf, int percent = 20, string? note = null, string? evidence = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("integration-tests", ActorKind.System);
        var version = (await scope.ServiceProvider.GetRequiredService<CommitmentReads>().GetAsync(id, CancellationToken.None)).Value!.Version;
        var recorded = await scope.ServiceProvider.GetRequiredService<ProgressRecorder>().RecordProgressAsync(
            id, new RecordProgressInput(CommitmentStatus.OnTrack, percent, note, evidence is null ? [] : [evidence], asOf), version, CancellationToken.None);
        Assert.True(recorded.Succeeded, recorded.Error?.Message);
    }

    public static async Task<StakeholderModel> StakeholderAsync(WsisTrackerFactory app, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("integration-tests", ActorKind.System);
        var created = await scope.ServiceProvider.GetRequiredService<StakeholderWrites>()
            .CreateAsync(new StakeholderInput(name, null, StakeholderGroup.CivilSociety, null, null), CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value!;
    }
}
