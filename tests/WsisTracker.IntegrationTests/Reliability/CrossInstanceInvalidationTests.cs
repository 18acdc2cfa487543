using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WsisTracker.Core.Caching;
using WsisTracker.Core.Commitments;
using WsisTracker.IntegrationTests.Infrastructure;
using WsisTracker.Web.Infrastructure;
using Xunit.Abstractions;

namespace WsisTracker.IntegrationTests.Reliability;

/// <summary>
/// Two instances on one database with the default 30 s read cache: a write through one shows on the other's cached
/// dashboard, reader and list within a second, because the write's transaction notifies and the other instance's
/// listener starts a new cache generation (decision 122). Killing the listening connection degrades the health
/// check, and the listener reconnects, invalidates once and hears the next write again.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CrossInstanceInvalidationTests(WsisTrackerFactory app, ITestOutputHelper output)
{
    private const string Resolution = "a-res-70-125";
    private static readonly TimeSpan WithinOneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task WriteThroughInstanceA_ShowsOnInstanceBsDashboardReaderAndList_WithinOneSecond()
    {
        await using var b = app.WithWebHostBuilder(builder => builder.UseSetting("Database:MigrateOnStartup", "false"));
        await ListeningAsync(b);
        using var onB = b.CreateClient();
        var marker = $"xinst{Guid.NewGuid():N}"[..20];
        var paragraph = await LeastCitedOperativeParagraphAsync();

        // B caches what it shows now: nothing of the marker.
        Assert.Equal(0, await TotalCountAsync(onB, marker));
        Assert.DoesNotContain(marker, await ReaderAsync(onB), StringComparison.Ordinal);

        var id = await app.CreateCommitmentAsync($"{marker} cited in the reader", "Written on instance A.", new ParagraphKey(Resolution, paragraph));
        var note = $"{marker} note written on A";
        await app.RecordProgressAsync(id, CommitmentStatus.OnTrack, 20, note);
        var afterWrite = Stopwatch.StartNew();

        var seen = await EventuallyAsync(WithinOneSecond, async () =>
            (await NotesOnDashboardAsync(onB, id)).Contains(note)
            && await TotalCountAsync(onB, marker) == 1
            && (await ReaderAsync(onB)).Contains(marker, StringComparison.Ordinal));

        ReliabilityFigures.Report(output, "instances-invalidation", ("seenAfter", afterWrite.Elapsed), ("readCacheMaxAge", TimeSpan.FromSeconds(30)));
        Assert.True(seen, $"instance B did not show A's write on its dashboard, list and reader within {WithinOneSecond}");
        Assert.True(b.Services.GetRequiredService<ChangeListener>().Received > 0);
    }

    [Fact]
    public async Task ListeningConnectionKilled_HealthDegrades_ThenTheListenerReconnectsAndHearsWritesAgain()
    {
        await using var b = app.WithWebHostBuilder(builder => builder
            .UseSetting("Database:MigrateOnStartup", "false")
            .UseSetting("Caching:InvalidationRetrySeconds", "3"));
        var listener = await ListeningAsync(b);
        using var onB = b.CreateClient();
        var commitment = await app.CreateCommitmentAsync();
        var drops = listener.Drops;
        Assert.Equal("Healthy", await HealthAsync(onB));
        var cacheOfB = b.Services.GetRequiredService<ReadCache>();
        Assert.Equal(cacheOfB.ListeningLifetime, cacheOfB.EntryLifetime);

        await using (var admin = new NpgsqlConnection(app.ConnectionString))
        {
            await admin.OpenAsync();
            // The function in the select list runs only for the rows the filter keeps (in WHERE it could run for any).
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = @name", admin);
            kill.Parameters.AddWithValue("name", listener.ApplicationName);
            var killed = new List<bool>();
            await using (var rows = await kill.ExecuteReaderAsync())
            {
                while (await rows.ReadAsync())
                {
                    killed.Add(rows.GetBoolean(0));
                }
            }

            Assert.Equal([true], killed);
        }

        Assert.True(await EventuallyAsync(TimeSpan.FromSeconds(10), () => Task.FromResult(listener.State != ChangeListenerState.Listening)), "the listener never noticed");
        // Until it reconnects, B serves from its cache as it would without a listener (its age bounds the lag), and says so.
        Assert.Equal("Degraded", await HealthAsync(onB));
        // Deaf, B keeps what it caches no longer than the age that bounds its lag (decision 127).
        Assert.Equal(cacheOfB.MaxAge, cacheOfB.EntryLifetime);
        Assert.Contains(app.Logs.Lines, line => line.Contains("change listener's connection is lost", StringComparison.Ordinal));
        Assert.Empty(await NotesOnDashboardAsync(onB, commitment.Id));

        // Written while B may not be listening: the one invalidation on reconnect covers a notification it missed.
        var missed = $"written while B was deaf {Guid.NewGuid():N}";
        await app.RecordProgressAsync(commitment.Id, CommitmentStatus.OnTrack, 30, missed);
        Assert.True(await EventuallyAsync(TimeSpan.FromSeconds(20), () => Task.FromResult(listener.State == ChangeListenerState.Listening)), "the listener never reconnected");
        Assert.True(listener.Drops > drops);
        Assert.Equal("Healthy", await HealthAsync(onB));
        Assert.Equal(cacheOfB.ListeningLifetime, cacheOfB.EntryLifetime);
        Assert.True(await EventuallyAsync(WithinOneSecond, async () => (await NotesOnDashboardAsync(onB, commitment.Id)).Contains(missed)));

        // And the next write propagates through the new connection.
        var next = $"written after the reconnect {Guid.NewGuid():N}";
        await app.RecordProgressAsync(commitment.Id, CommitmentStatus.OnTrack, 40, next);
        Assert.True(
            await EventuallyAsync(WithinOneSecond, async () => (await NotesOnDashboardAsync(onB, commitment.Id)).Contains(next)),
            "after the reconnect, a write on A did not show on B within a second");
    }

    private static async Task<ChangeListener> ListeningAsync(WebApplicationFactory<Program> instance)
    {
        var listener = instance.Services.GetRequiredService<ChangeListener>();
        Assert.True(await EventuallyAsync(TimeSpan.FromSeconds(20), () => Task.FromResult(listener.State == ChangeListenerState.Listening)), "the listener did not start");
        return listener;
    }

    /// <summary>Polls until the condition holds or the bound passes; says which.</summary>
    private static async Task<bool> EventuallyAsync(TimeSpan bound, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(25);
        }
        while (clock.Elapsed < bound);

        return false;
    }

    private static async Task<string> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<int> TotalCountAsync(HttpClient client, string marker)
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/commitments?q={marker}", WsisTrackerFactory.Json);
        return list.GetProperty("totalCount").GetInt32();
    }

    private static async Task<string> ReaderAsync(HttpClient client)
    {
        using var response = await client.GetAsync($"/resolutions/{Resolution}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<List<string>> NotesOnDashboardAsync(HttpClient client, int commitmentId)
    {
        var dashboard = await client.GetFromJsonAsync<JsonElement>("/api/v1/dashboard", WsisTrackerFactory.Json);
        return dashboard.GetProperty("recentlyUpdated").EnumerateArray()
            .Where(u => u.GetProperty("commitmentId").GetInt32() == commitmentId)
            .Select(u => u.GetProperty("note").GetString()!)
            .ToList();
    }

    /// <summary>An operative paragraph cited by so few commitments that the reader lists a new one by title.</summary>
    private async Task<int> LeastCitedOperativeParagraphAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            """
            SELECT p.number, count(cp.commitment_id)::int FROM paragraphs p
            JOIN resolutions r ON r.id = p.resolution_id
            LEFT JOIN commitment_paragraphs cp ON cp.paragraph_id = p.id
            WHERE r.slug = @slug AND p.kind = 'Operative' AND p.part IS NULL AND p.number IS NOT NULL
            GROUP BY p.id, p.number ORDER BY 2, 1 LIMIT 1
            """,
            connection);
        query.Parameters.AddWithValue("slug", Resolution);
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetInt32(1) < Core.Resolutions.ResolutionService.CitationsShown, "every operative paragraph is cited too often to list a new commitment");
        return reader.GetInt32(0);
    }
}
