using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using WsisTracker.Core.Data.Seeding;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Data;

[Collection(AppCollection.Name)]
public sealed class SeedingTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task Migrations_ApplyToAnEmptyDatabase()
    {
        var connectionString = await app.Postgres.CreateDatabaseAsync("wsis_migrate");
        await using var db = WsisTrackerFactory.CreateDbContext(connectionString);

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.Commitments.CountAsync());
    }

    [Fact]
    public async Task Seeding_Twice_ChangesNothing()
    {
        var connectionString = app.Postgres.ConnectionStringForNewDatabase("wsis_seed");
        await SeedAsync(connectionString);
        var first = await SnapshotAsync(connectionString);

        await SeedAsync(connectionString);

        Assert.Equal(first, await SnapshotAsync(connectionString));
        Assert.Contains("resolutions=2", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeding_TwoInstancesAtOnce_DuplicateNothing()
    {
        var connectionString = app.Postgres.ConnectionStringForNewDatabase("wsis_race");
        var reference = app.Postgres.ConnectionStringForNewDatabase("wsis_once");

        await Task.WhenAll(SeedAsync(connectionString), SeedAsync(connectionString));
        await SeedAsync(reference);

        Assert.Equal(Counts(await SnapshotAsync(reference)), Counts(await SnapshotAsync(connectionString)));
    }

    private static async Task SeedAsync(string connectionString)
    {
        await using var db = WsisTrackerFactory.CreateDbContext(connectionString);
        await new DatabaseSeeder(db, TimeProvider.System, NullLogger<DatabaseSeeder>.Instance).MigrateAndSeedAsync(CancellationToken.None);
    }

    /// <summary>Row counts of every table and a digest of each row's <c>xmin</c>, so any insert or update shows.</summary>
    private static async Task<string> SnapshotAsync(string connectionString)
    {
        await using var db = WsisTrackerFactory.CreateDbContext(connectionString);
        string[] tables = ["resolutions", "sections", "paragraphs", "footnotes", "footnote_references", "action_lines", "action_line_facilitators", "stakeholders", "commitments", "commitment_paragraphs", "commitment_action_lines", "commitment_stakeholders", "commitment_lineage", "progress_updates", "regions", "countries", "groupings", "grouping_memberships"];
        var parts = new List<string>();
        foreach (var table in tables)
        {
            var sql = "SELECT count(*)::int AS count, coalesce(md5(string_agg(xmin::text, ',' ORDER BY xmin::text)), '') AS digest FROM " + table;
            var row = await db.Database.SqlQueryRaw<TableDigest>(sql).SingleAsync();
            parts.Add($"{table}={row.Count}:{row.Digest}");
        }

        return string.Join(";", parts);
    }

    private static string Counts(string snapshot) =>
        string.Join(";", snapshot.Split(';').Select(part => part.Split(':')[0]));

    private sealed class TableDigest
    {
        public int Count { get; set; }

        public string Digest { get; set; } = "";
    }
}
