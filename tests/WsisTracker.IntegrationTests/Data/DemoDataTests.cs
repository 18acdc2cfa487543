using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Data.Seeding;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Data;

[Collection(AppCollection.Name)]
public sealed class DemoDataTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task SeedDemo_AddsSyntheticCommitmentsWithHistoriesThatObeyTheRules()
    {
        var connectionString = app.Postgres.ConnectionStringForNewDatabase("wsis_demo");
        await using (var seedDb = WsisTrackerFactory.CreateDbContext(connectionString))
        {
            await new DatabaseSeeder(seedDb, TimeProvider.System, NullLogger<DatabaseSeeder>.Instance).MigrateAndSeedAsync(CancellationToken.None);
        }

        await using var db = WsisTrackerFactory.CreateDbContext(connectionString);
        var result = await new DemoDataSeeder(db, TimeProvider.System, NullLogger<DemoDataSeeder>.Instance).AddAsync(120, 6, 42, CancellationToken.None);

        var made = await db.Commitments.AsNoTracking()
            .Where(c => c.Code.StartsWith(result.CodePrefix))
            .Include(c => c.ProgressUpdates).Include(c => c.Paragraphs).Include(c => c.ActionLines).Include(c => c.Stakeholders)
            .AsSplitQuery()
            .ToListAsync();
        Assert.Equal(120, made.Count);
        Assert.Equal(result.ProgressUpdates, made.Sum(c => c.ProgressUpdates.Count));
        Assert.True(result.ProgressUpdates > 120, "most synthetic commitments have a history");
        Assert.All(made, c =>
        {
            Assert.True(c.IsSynthetic);
            Assert.NotEmpty(c.Paragraphs);
            Assert.NotEmpty(c.ActionLines);
            Assert.Contains(c.Stakeholders, s => s.Role == StakeholderRole.Lead);
            var history = c.ProgressUpdates.OrderBy(u => u.AsOf).ThenBy(u => u.Id).ToList();
            if (history.Count > 0)
            {
                Assert.Equal(history[^1].Status, c.Status);
                Assert.Equal(history[^1].ProgressPercent, c.ProgressPercent);
                Assert.Equal(history[^1].AsOf, c.LastProgressAsOf);
            }
        });
    }

    [Fact]
    public async Task SeedDemo_IsNeverRunByDefault()
    {
        var synthetic = await app.WithDbAsync(db => db.Commitments.CountAsync(c => c.IsSynthetic && c.Code.StartsWith(DemoDataSeeder.DemoCodePrefix)));

        Assert.Equal(0, synthetic);
    }
}
