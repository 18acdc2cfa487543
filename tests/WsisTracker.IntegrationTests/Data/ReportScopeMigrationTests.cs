using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Data;

/// <summary>Migration <c>ReportScope</c> on reports stored before it (decision 131).</summary>
[Collection(AppCollection.Name)]
public sealed class ReportScopeMigrationTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task ReportScope_MakesAStoredReportWithCountriesNational_AndOneWithoutGlobal()
    {
        var connectionString = await app.Postgres.CreateDatabaseAsync("wsis_report_scope");
        await using var db = WsisTrackerFactory.CreateDbContext(connectionString);
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_ReportScope", StringComparison.Ordinal)) - 1];
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(before);

        // The reports stand alone, with no commitment or stakeholder: on this one open connection the foreign keys'
        // triggers are off while they are written and migrated (the cluster's user is a superuser).
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("""
            SET session_replication_role = replica;
            INSERT INTO progress_reports (id, commitment_id, stakeholder_id, state, status, evidence_links, as_of, countries, revision, created_at, updated_at)
            VALUES (1, 1, 1, 'Draft', 'OnTrack', ARRAY[]::text[], '2026-06-30', ARRAY['KEN','BRA'], 1, now(), now()),
                   (2, 1, 2, 'Draft', 'OnTrack', ARRAY[]::text[], '2026-06-30', ARRAY[]::text[], 1, now(), now());
            INSERT INTO progress_report_revisions (report_id, number, status, evidence_links, as_of, countries, author, created_at)
            VALUES (1, 1, 'OnTrack', ARRAY[]::text[], '2026-06-30', ARRAY['KEN','BRA'], 'someone', now()),
                   (2, 1, 'OnTrack', ARRAY[]::text[], '2026-06-30', ARRAY[]::text[], 'someone', now());
            """);

        await migrator.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("SET session_replication_role = origin");

        var reports = await db.Database.SqlQueryRaw<string>("SELECT id || ':' || scope_kind || ':' || array_to_string(countries, ',') || ':' || cardinality(scope_regions) AS \"Value\" FROM progress_reports ORDER BY id").ToListAsync();
        Assert.Equal(["1:National:KEN,BRA:0", "2:Global::0"], reports);
        var revisions = await db.Database.SqlQueryRaw<string>("SELECT report_id || ':' || scope_kind AS \"Value\" FROM progress_report_revisions ORDER BY report_id").ToListAsync();
        Assert.Equal(["1:National", "2:Global"], revisions);
    }
}
