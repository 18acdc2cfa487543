using System.Net;
using System.Text.Json;
using WsisTracker.IntegrationTests.Infrastructure;
using static WsisTracker.IntegrationTests.Api.CommitmentWritesApiTests;

namespace WsisTracker.IntegrationTests.Api;

[Collection(AppCollection.Name)]
public sealed class ChangeFeedTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task FollowingNext_WhileWritersCommitInParallel_SeesEveryUpdateOnceAndNoneTwice()
    {
        var cursor = await CatchUpAsync(null);
        using var setup = await app.CreateWriterAsync();
        var commitments = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            commitments.Add((await app.SeedCommitmentAsync(setup, "feed")).Id);
        }

        var written = new List<long>();
        var seen = new List<long>();
        var writers = Task.WhenAll(commitments.Select(async id =>
        {
            using var writer = await app.CreateWriterAsync();
            var ids = new List<long>();
            for (var n = 1; n <= 3; n++)
            {
                var etag = await app.ETagOfAsync($"/api/v1/commitments/{id}");
                using var response = await SendAsync(writer, HttpMethod.Post, $"/api/v1/commitments/{id}/progress", JsonSerializer.Serialize(new { status = "onTrack", progressPercent = n * 10, asOf = "2026-01-01" }), "application/json", etag);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                ids.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64());
            }

            lock (written)
            {
                written.AddRange(ids);
            }
        }));

        // Read while the writers run, then until every written update has arrived (bounded).
        for (var round = 0; round < 200 && (!writers.IsCompleted || !written.All(seen.Contains)); round++)
        {
            var (items, next) = await ReadAsync(cursor);
            seen.AddRange(items);
            cursor = next;
            if (items.Count == 0)
            {
                await Task.Delay(25);
            }
        }

        await writers;
        Assert.Equal(12, written.Count);
        Assert.All(written, id => Assert.Contains(id, seen));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task SinceATime_ServesUpdatesRecordedSinceThen_AndABadSinceIsProblem400()
    {
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "since");
        using var recorded = await SendAsync(writer, HttpMethod.Post, $"/api/v1/commitments/{id}/progress", """{ "status": "onTrack", "progressPercent": 5, "asOf": "2026-01-01" }""", "application/json", etag);
        var update = JsonDocument.Parse(await recorded.Content.ReadAsStringAsync()).RootElement;
        var since = update.GetProperty("recordedAt").GetDateTimeOffset().AddSeconds(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);

        var found = false;
        string? cursor = since;
        for (var round = 0; round < 100 && !found; round++)
        {
            var page = await app.GetJsonAsync<JsonElement>($"/api/v1/progress-updates?since={Uri.EscapeDataString(cursor!)}&limit=200");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.All(items, i => Assert.True(i.GetProperty("recordedAt").GetDateTimeOffset() >= DateTimeOffset.Parse(since, System.Globalization.CultureInfo.InvariantCulture) || cursor != since));
            found = items.Any(i => i.GetProperty("id").GetInt64() == update.GetProperty("id").GetInt64() && i.GetProperty("commitmentId").GetInt32() == id);
            cursor = page.GetProperty("next").GetString();
        }

        Assert.True(found);
        using var client = app.CreateClient();
        using var bad = await client.GetAsync("/api/v1/progress-updates?since=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await AssertProblemAsync(bad, "validation");
    }

    private async Task<string> CatchUpAsync(string? cursor)
    {
        while (true)
        {
            var (items, next) = await ReadAsync(cursor);
            cursor = next;
            if (items.Count == 0)
            {
                return cursor;
            }
        }
    }

    private async Task<(List<long> Items, string Next)> ReadAsync(string? cursor)
    {
        var page = await app.GetJsonAsync<JsonElement>(cursor is null ? "/api/v1/progress-updates?limit=200" : $"/api/v1/progress-updates?limit=5&since={cursor}");
        return (page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList(), page.GetProperty("next").GetString()!);
    }
}
