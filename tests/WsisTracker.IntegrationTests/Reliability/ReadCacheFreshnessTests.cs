using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Caching;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Dashboard;
using WsisTracker.Core.Data;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Reliability;

/// <summary>The read cache never keeps what a read saw before a write's transaction committed (issue 13).</summary>
[Collection(AppCollection.Name)]
public sealed class ReadCacheFreshnessTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task ADashboardReadBeforeAnOuterTransactionCommits_IsNotServedAfterTheCommit()
    {
        var before = $"Before commit {Guid.NewGuid():N}";
        var after = $"After commit {Guid.NewGuid():N}";
        var commitment = await app.CreateCommitmentAsync(before);
        await app.RecordProgressAsync(commitment.Id, CommitmentStatus.OnTrack, 30);

        await using (var writer = app.Services.CreateAsyncScope())
        {
            writer.ServiceProvider.GetRequiredService<ActorContext>().Set("integration-tests", ActorKind.System);
            var db = writer.ServiceProvider.GetRequiredService<WsisTrackerDbContext>();
            var current = (await writer.ServiceProvider.GetRequiredService<CommitmentReads>().GetAsync(commitment.Id, CancellationToken.None)).Value!;
            await using var outer = await db.Database.BeginTransactionAsync();
            var input = new CommitmentInput(after, "Arranged by a test.", [new ParagraphKey("a-res-70-125", 63)], ["C1"], ["itu"], ["unesco"],
                new DateOnly(2030, 12, 31), null, ReportingCadence.Annual, [new MilestoneInput("First step", new DateOnly(2027, 6, 30), null)]);
            var revised = await writer.ServiceProvider.GetRequiredService<CommitmentWrites>().ReviseAsync(commitment.Id, input, current.Version, CancellationToken.None);
            Assert.True(revised.Succeeded, revised.Error?.Message);

            var inBetween = await DashboardAsync();
            Assert.Contains(inBetween.RecentlyUpdated, u => u.CommitmentId == commitment.Id && u.CommitmentTitle == before);
            await outer.CommitAsync();
        }

        var afterCommit = await DashboardAsync();
        Assert.Contains(afterCommit.RecentlyUpdated, u => u.CommitmentId == commitment.Id && u.CommitmentTitle == after);
        Assert.Equal(after, await app.WithDbAsync(db => db.Commitments.Where(c => c.Id == commitment.Id).Select(c => c.Title).SingleAsync()));
    }

    [Fact]
    public async Task ManyDistinctPerItemEntries_NeverEvictTheDashboard()
    {
        using var anonymous = app.CreateClient();
        Assert.True((await anonymous.GetAsync("/api/v1/dashboard")).IsSuccessStatusCode);
        var cache = app.Services.GetRequiredService<ReadCache>();
        var stamp = Guid.NewGuid().ToString("N")[..8];

        // Commitment details and reader pages of distinct keys, far more than the per-item room holds.
        for (var i = 0; i < 5_000; i++)
        {
            await cache.GetOrCreateAsync($"commitment:{i}:{stamp}:2026-01-01", () => Task.FromResult(new object()));
            if (i % 500 == 0)
            {
                await Task.Delay(20);
            }
        }

        await Task.Delay(200);
        app.SqlCommands.Reset();
        using var response = await anonymous.GetAsync("/api/v1/dashboard");

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(0, app.SqlCommands.Count);
    }

    [Fact]
    public async Task ADashboardFilteredByAnUnknownResolution_IsNotCached_AndAKnownOneIs()
    {
        using var anonymous = app.CreateClient();
        var junk = $"no-such-resolution-{Guid.NewGuid():N}"[..32];

        var unknown = await SqlCommandsOfASecondGetAsync(anonymous, $"/api/v1/dashboard?resolution={junk}");
        var known = await SqlCommandsOfASecondGetAsync(anonymous, "/api/v1/dashboard?resolution=a-res-70-125");

        Assert.True(unknown > 0, "The dashboard of an unknown resolution was served from the cache.");
        Assert.Equal(0, known);
    }

    private async Task<int> SqlCommandsOfASecondGetAsync(HttpClient client, string url)
    {
        using (var first = await client.GetAsync(url))
        {
            Assert.True(first.IsSuccessStatusCode, $"GET {url} answered {(int)first.StatusCode}");
        }

        app.SqlCommands.Reset();
        using var second = await client.GetAsync(url);
        Assert.True(second.IsSuccessStatusCode, $"GET {url} answered {(int)second.StatusCode}");
        return app.SqlCommands.Count;
    }

    private async Task<DashboardModel> DashboardAsync()
    {
        await using var reader = app.Services.CreateAsyncScope();
        return await reader.ServiceProvider.GetRequiredService<DashboardService>().GetAsync(null, CancellationToken.None);
    }
}
