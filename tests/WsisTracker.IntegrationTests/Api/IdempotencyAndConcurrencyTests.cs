using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using WsisTracker.IntegrationTests.Infrastructure;
using static WsisTracker.IntegrationTests.Api.CommitmentWritesApiTests;

namespace WsisTracker.IntegrationTests.Api;

[Collection(AppCollection.Name)]
public sealed class IdempotencyAndConcurrencyTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task Post_RetriedWithTheSameIdempotencyKey_ReplaysTheFirstResponse_AndCreatesNothingNew()
    {
        using var writer = await app.CreateWriterAsync();
        var title = $"idempotent {Guid.NewGuid():N}";
        var body = JsonSerializer.Serialize(new { title, description = "d", paragraphs = new[] { new { resolution = "a-res-80-173", number = 99 } }, actionLines = new[] { "C1" }, leadStakeholders = new[] { "itu" } });
        var key = Guid.NewGuid().ToString();

        using var first = await SendAsync(writer, HttpMethod.Post, "/api/v1/commitments", body, "application/json", null, key);
        using var retry = await SendAsync(writer, HttpMethod.Post, "/api/v1/commitments", body, "application/json", null, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await app.WithDbAsync(db => Task.FromResult(db.Commitments.Count(c => c.Title == title))));

        using var other = await SendAsync(writer, HttpMethod.Post, "/api/v1/commitments", body.Replace("\"d\"", "\"changed\"", StringComparison.Ordinal), "application/json", null, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        await AssertProblemAsync(other, "idempotency-key-reused");
        Assert.Equal(1, await app.WithDbAsync(db => Task.FromResult(db.Commitments.Count(c => c.Title == title))));
    }

    [Fact]
    public async Task Post_FailedRequest_IsNotStored_SoAFixedRetryWithTheSameKeyRuns()
    {
        using var writer = await app.CreateWriterAsync();
        var key = Guid.NewGuid().ToString();
        var name = $"Retry Org {Guid.NewGuid():N}";

        using var invalid = await SendAsync(writer, HttpMethod.Post, "/api/v1/stakeholders", JsonSerializer.Serialize(new { name, group = "civilSociety", countryCode = "XXXX" }), "application/json", null, key);
        using var valid = await SendAsync(writer, HttpMethod.Post, "/api/v1/stakeholders", JsonSerializer.Serialize(new { name, group = "civilSociety", countryCode = "KEN" }), "application/json", null, key);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Created, valid.StatusCode);
    }

    [Fact]
    public async Task ParallelClientsWithIfMatch_EveryAcceptedUpdateIsInTheHistoryOnce_EveryRejectedOneGot412()
    {
        using var setup = await app.CreateWriterAsync();
        var (id, _) = await app.SeedCommitmentAsync(setup, "race");
        var outcomes = new ConcurrentBag<(string Note, HttpStatusCode Status)>();

        async Task ClientAsync(int client)
        {
            using var writer = await app.CreateWriterAsync();
            for (var attempt = 0; attempt < 4; attempt++)
            {
                var etag = await app.ETagOfAsync($"/api/v1/commitments/{id}");
                var note = $"client {client} attempt {attempt}";
                var body = JsonSerializer.Serialize(new { status = "onTrack", progressPercent = (client * 10) + attempt, note, asOf = "2026-01-01" });
                using var response = await SendAsync(writer, HttpMethod.Post, $"/api/v1/commitments/{id}/progress", body, "application/json", etag);
                outcomes.Add((note, response.StatusCode));
            }
        }

        await Task.WhenAll(Enumerable.Range(1, 6).Select(ClientAsync));

        Assert.All(outcomes, o => Assert.True(o.Status is HttpStatusCode.Created or HttpStatusCode.PreconditionFailed, $"{o.Note}: {o.Status}"));
        var history = (await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}/progress")).EnumerateArray().Select(u => u.GetProperty("note").GetString()!).ToList();
        var accepted = outcomes.Where(o => o.Status == HttpStatusCode.Created).Select(o => o.Note).ToList();
        Assert.NotEmpty(accepted);
        Assert.Equal(accepted.Order(), history.Order());
        Assert.Equal(history.Count, history.Distinct().Count());
        Assert.Equal(24, outcomes.Count);
    }
}
