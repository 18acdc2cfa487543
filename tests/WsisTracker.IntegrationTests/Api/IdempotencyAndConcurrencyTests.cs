using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Npgsql;
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
    public async Task Post_WhoseWriteFailsWithAnException_ReleasesTheKey_SoTheRetryRunsAndWrites()
    {
        using var writer = await app.CreateWriterAsync();
        var name = $"Failing Org {Guid.NewGuid():N}";
        var key = Guid.NewGuid().ToString();
        var body = JsonSerializer.Serialize(new { name, group = "civilSociety" });
        var trigger = $"refuse_{Guid.NewGuid():N}";
        await ExecuteAsync($"""
            CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.name = '{name}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER {trigger} BEFORE INSERT ON stakeholders FOR EACH ROW EXECUTE FUNCTION {trigger}();
            """);
        HttpResponseMessage failed;
        try
        {
            failed = await SendAsync(writer, HttpMethod.Post, "/api/v1/stakeholders", body, "application/json", null, key);
        }
        finally
        {
            await ExecuteAsync($"DROP TRIGGER {trigger} ON stakeholders; DROP FUNCTION {trigger}();");
        }

        using var retry = await SendAsync(writer, HttpMethod.Post, "/api/v1/stakeholders", body, "application/json", null, key);
        using var replay = await SendAsync(writer, HttpMethod.Post, "/api/v1/stakeholders", body, "application/json", null, key);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        failed.Dispose();
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await retry.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.WithDbAsync(db => Task.FromResult(db.Stakeholders.Count(s => s.Name == name))));
    }

    [Fact]
    public async Task Post_WhoseAnswerCannotBeStored_WritesNothing_AndTheRetryRunsAgain()
    {
        using var writer = await app.CreateWriterAsync();
        var name = $"Unstored Org {Guid.NewGuid():N}";
        var key = $"unstored-{Guid.NewGuid():N}";
        var body = JsonSerializer.Serialize(new { name, group = "civilSociety" });
        var trigger = $"refuse_{Guid.NewGuid():N}";
        await ExecuteAsync($"""
            CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.key = '{key}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER {trigger} BEFORE INSERT OR UPDATE ON idempotency_records FOR EACH ROW EXECUTE FUNCTION {trigger}();
            """);
        HttpStatusCode failed;
        int written;
        try
        {
            using var response = await SendAsync(writer, HttpMethod.Post, "/api/v1/stakeholders", body, "application/json", null, key);
            failed = response.StatusCode;
            written = await app.WithDbAsync(db => Task.FromResult(db.Stakeholders.Count(s => s.Name == name)));
        }
        finally
        {
            await ExecuteAsync($"DROP TRIGGER {trigger} ON idempotency_records; DROP FUNCTION {trigger}();");
        }

        using var retry = await SendAsync(writer, HttpMethod.Post, "/api/v1/stakeholders", body, "application/json", null, key);

        Assert.Equal(HttpStatusCode.InternalServerError, failed);
        Assert.Equal(0, written);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => Task.FromResult(db.Stakeholders.Count(s => s.Name == name))));
    }

    [Fact]
    public async Task ProgressRetriedWithItsKey_ReplaysTheStatusBodyLocationAndCommitmentETag()
    {
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "idempotent progress");
        var key = Guid.NewGuid().ToString();
        var body = JsonSerializer.Serialize(new { status = "onTrack", progressPercent = 20, asOf = "2026-01-01" });

        using var first = await SendAsync(writer, HttpMethod.Post, $"/api/v1/commitments/{id}/progress", body, "application/json", etag, key);
        using var retry = await SendAsync(writer, HttpMethod.Post, $"/api/v1/commitments/{id}/progress", body, "application/json", etag, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Content.Headers.ContentType?.ToString(), retry.Content.Headers.ContentType?.ToString());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.GetValues("Commitment-ETag").Single(), retry.Headers.GetValues("Commitment-ETag").Single());
        Assert.Single((await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}/progress")).EnumerateArray());
    }

    [Fact]
    public async Task ParallelCreatesOfOneName_EachWithItsKey_AllSucceed_AndEachRetryReplaysItsOwnAnswer()
    {
        using var writer = await app.CreateWriterAsync();
        var name = $"Keyed Race {Guid.NewGuid():N}"[..26];
        var body = JsonSerializer.Serialize(new { name, group = "civilSociety" });
        var keys = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid().ToString()).ToList();

        var firsts = await Task.WhenAll(keys.Select(k => SendAsync(writer, HttpMethod.Post, "/api/v1/stakeholders", body, "application/json", null, k)));
        var retries = await Task.WhenAll(keys.Select(k => SendAsync(writer, HttpMethod.Post, "/api/v1/stakeholders", body, "application/json", null, k)));

        for (var i = 0; i < keys.Count; i++)
        {
            Assert.Equal(HttpStatusCode.Created, firsts[i].StatusCode);
            Assert.Equal(HttpStatusCode.Created, retries[i].StatusCode);
            Assert.Equal(await firsts[i].Content.ReadAsStringAsync(), await retries[i].Content.ReadAsStringAsync());
            Assert.Equal(firsts[i].Headers.Location, retries[i].Headers.Location);
            Assert.Equal(firsts[i].Headers.ETag, retries[i].Headers.ETag);
            firsts[i].Dispose();
            retries[i].Dispose();
        }

        Assert.Equal(8, await app.WithDbAsync(db => Task.FromResult(db.Stakeholders.Count(s => s.Name == name))));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
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
