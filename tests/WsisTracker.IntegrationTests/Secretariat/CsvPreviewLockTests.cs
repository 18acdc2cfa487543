using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Npgsql;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Secretariat;

/// <summary>A CSV preview only reads: it holds no row lock that a progress write would wait on (issue 13).</summary>
[Collection(AppCollection.Name)]
public sealed class CsvPreviewLockTests(WsisTrackerFactory app)
{
    private const int Rows = 2_000;

    [Fact]
    public async Task ProgressWrite_DuringAPreviewOfTheSameRows_Answers201WithoutWaitingForThePreview()
    {
        var marker = $"Preview lock {Guid.NewGuid():N}";
        var first = await app.CreateCommitmentAsync($"{marker} 0");
        await CloneAsync(first.Id, marker, Rows - 1);
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var lines = (await client.Http.GetStringAsync("/workspace/csv/commitments.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var edited = lines.Where(l => l.Contains(marker, StringComparison.Ordinal))
            .OrderBy(l => l.StartsWith($"{first.Id},", StringComparison.Ordinal) ? 0 : 1)
            .Select(l => l.Replace(marker, $"{marker} renamed", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(Rows, edited.Count);
        var csv = lines[0] + "\r\n" + string.Join("\r\n", edited) + "\r\n";
        var page = await client.GetPageAsync("/workspace/csv");
        using var writer = await app.CreateWriterAsync();

        var preview = PreviewAsync(client, page, csv);
        await WaitForAnOpenTransactionAsync();
        await Task.Delay(300);
        var clock = Stopwatch.StartNew();
        using var recorded = await WsisTrackerFactory.RecordProgressAsync(writer, first.Id, first.Version,
            new { status = "onTrack", progressPercent = 20, asOf = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        clock.Stop();

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The progress write waited {clock.Elapsed} for the preview.");
        var report = await preview;
        Assert.Null(report.QuerySelector("#errors"));
        Assert.StartsWith($"0 to create, {Rows} to change", report.QuerySelector("#summary")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(report.QuerySelector("form[action='/workspace/csv/import']"));
        Assert.Equal($"{marker} 0", await app.WithDbAsync(db => Task.FromResult(db.Commitments.Single(c => c.Id == first.Id).Title)));
    }

    /// <summary>Copies a commitment (and what it refers to) <paramref name="count"/> times in one statement, titled "marker n".</summary>
    private async Task CloneAsync(int sourceId, string marker, int count)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var columns = new NpgsqlCommand("""
            SELECT string_agg(quote_ident(column_name), ',') FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = 'commitments' AND is_generated = 'NEVER' AND is_identity = 'NO'
              AND column_name NOT IN ('id', 'code', 'title')
            """, connection);
        var list = (string)(await columns.ExecuteScalarAsync())!;
        await using var clone = new NpgsqlCommand($"""
            WITH made AS (
                INSERT INTO commitments ({list}, code, title)
                SELECT {list}, 'pl' || left(md5(random()::text), 10), @marker || ' ' || g
                FROM commitments, generate_series(1, @count) g WHERE id = @source
                RETURNING id),
            p AS (INSERT INTO commitment_paragraphs (commitment_id, paragraph_id)
                SELECT made.id, cp.paragraph_id FROM made, commitment_paragraphs cp WHERE cp.commitment_id = @source),
            a AS (INSERT INTO commitment_action_lines (commitment_id, action_line_id)
                SELECT made.id, ca.action_line_id FROM made, commitment_action_lines ca WHERE ca.commitment_id = @source)
            INSERT INTO commitment_stakeholders (commitment_id, stakeholder_id, role)
                SELECT made.id, cs.stakeholder_id, cs.role FROM made, commitment_stakeholders cs WHERE cs.commitment_id = @source
            """, connection);
        clone.Parameters.AddWithValue("marker", marker);
        clone.Parameters.AddWithValue("count", count);
        clone.Parameters.AddWithValue("source", sourceId);
        await clone.ExecuteNonQueryAsync();
    }

    /// <summary>Waits (at most 10 s) until another session of the app's database is inside a transaction: the preview's.</summary>
    private async Task WaitForAnOpenTransactionAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await using var open = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL",
                connection);
            if ((long)(await open.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(10);
        }
    }

    private static async Task<IHtmlDocument> PreviewAsync(PageClient client, IHtmlDocument page, string csv)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "commitments.csv" },
        };
        using var response = await client.Http.PostAsync("/workspace/csv/preview", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PageClient.ParseAsync(response);
    }
}
