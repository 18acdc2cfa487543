using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Api;

[Collection(AppCollection.Name)]
public sealed class CommitmentWritesApiTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task Create_Answers201WithLocationAndETag_AndTheCommitmentIsReadable()
    {
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "create", targetDate: "2030-12-31");

        using var client = app.CreateClient();
        using var read = await client.GetAsync($"/api/v1/commitments/{id}");
        var body = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(etag, read.Headers.ETag!.ToString());
        Assert.Equal($"\"{body.GetProperty("version").GetUInt32()}\"", etag);
        Assert.Equal("2030-12-31", body.GetProperty("targetDate").GetString());
        Assert.Equal("itu", Assert.Single(body.GetProperty("stakeholders").EnumerateArray()).GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Get_WithMatchingIfNoneMatch_Is304_AndAfterAChange_Is200()
    {
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "revalidate");
        using var client = app.CreateClient();

        using var unchanged = await GetWithAsync(client, $"/api/v1/commitments/{id}", "If-None-Match", etag);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);

        using var patched = await PatchAsync(writer, id, etag, """{ "title": "Revalidated title" }""");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        using var changed = await GetWithAsync(client, $"/api/v1/commitments/{id}", "If-None-Match", etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Put_ReplacesTheDefinition_AndNeedsACurrentIfMatch()
    {
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "replace");
        var replacement = """
            { "title": "Replaced", "description": "Now with two action lines and a milestone.",
              "paragraphs": [ { "resolution": "a-res-70-125", "number": 27 } ], "actionLines": [ "C1", "C7.4" ],
              "leadStakeholders": [ "unesco" ], "partnerStakeholders": [ "itu" ], "reportingCadence": "annual",
              "milestones": [ { "title": "First report", "dueDate": "2027-06-30" } ] }
            """;

        using var missing = await SendAsync(writer, HttpMethod.Put, $"/api/v1/commitments/{id}", replacement, "application/json", ifMatch: null);
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        await AssertProblemAsync(missing, "precondition-required");

        using var stale = await SendAsync(writer, HttpMethod.Put, $"/api/v1/commitments/{id}", replacement, "application/json", ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        await AssertProblemAsync(stale, "version-mismatch");

        using var replaced = await SendAsync(writer, HttpMethod.Put, $"/api/v1/commitments/{id}", replacement, "application/json", etag);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var body = await replaced.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Replaced", body.GetProperty("title").GetString());
        Assert.Equal(["C1", "C7.4"], body.GetProperty("actionLines").EnumerateArray().Select(a => a.GetProperty("code").GetString()));
        Assert.Equal("First report", Assert.Single(body.GetProperty("milestones").EnumerateArray()).GetProperty("title").GetString());
        Assert.Equal(replaced.Headers.ETag!.ToString(), $"\"{body.GetProperty("version").GetUInt32()}\"");

        using var again = await SendAsync(writer, HttpMethod.Put, $"/api/v1/commitments/{id}", replacement, "application/json", etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, again.StatusCode);
    }

    [Fact]
    public async Task Patch_MergesMembers_NullClears_OthersStay()
    {
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "merge", targetDate: "2031-01-31");

        using var patched = await PatchAsync(writer, id, etag, """{ "description": "Merged.", "targetDate": null, "partnerStakeholders": ["unesco"] }""");

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = await patched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Merged.", body.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("targetDate").ValueKind);
        Assert.StartsWith("merge ", body.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(["itu:lead", "unesco:partner"], body.GetProperty("stakeholders").EnumerateArray().Select(s => $"{s.GetProperty("slug").GetString()}:{s.GetProperty("role").GetString()}").Order());
    }

    [Theory]
    [InlineData("""{ "title": "x", "colour": "red" }""", "$.colour")]
    [InlineData("""{ "milestones": [ { "title": "m", "owner": "me" } ] }""", "$.milestones[0].owner")]
    public async Task Patch_UnknownProperty_IsRejected(string patch, string field)
    {
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "unknown");

        using var response = await PatchAsync(writer, id, etag, patch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await AssertProblemAsync(response, "validation");
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name == field);
        Assert.Equal(etag, await app.ETagOfAsync($"/api/v1/commitments/{id}"));
    }

    [Fact]
    public async Task Post_UnknownProperty_IsRejected_AndInvalidFieldsAreNamed()
    {
        using var writer = await app.CreateWriterAsync();

        using var unknown = await SendAsync(writer, HttpMethod.Post, "/api/v1/commitments", """{ "title": "t", "priority": 1 }""", "application/json", null);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains((await AssertProblemAsync(unknown, "validation")).GetProperty("errors").EnumerateObject(), e => e.Name == "$.priority");

        using var invalid = await SendAsync(writer, HttpMethod.Post, "/api/v1/commitments",
            """{ "title": "", "description": "d", "paragraphs": [ { "resolution": "a-res-70-125", "number": 9999 } ], "actionLines": [ "C99" ], "leadStakeholders": [ "nobody-here" ] }""",
            "application/json", null);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await AssertProblemAsync(invalid, "validation")).GetProperty("errors");
        Assert.Equal(["actionLines", "leadStakeholders", "paragraphs", "title"], errors.EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task Delete_Withdraws_TheCommitmentAndItsHistoryStay_AndItTakesNoMoreEdits()
    {
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "withdraw");
        using var progress = await SendAsync(writer, HttpMethod.Post, $"/api/v1/commitments/{id}/progress", """{ "status": "onTrack", "progressPercent": 20, "asOf": "2026-01-15" }""", "application/json", etag);
        Assert.Equal(HttpStatusCode.Created, progress.StatusCode);
        etag = progress.Headers.GetValues("Commitment-ETag").Single();

        using var noReason = await SendAsync(writer, HttpMethod.Delete, $"/api/v1/commitments/{id}", null, null, etag);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains((await AssertProblemAsync(noReason, "validation")).GetProperty("errors").EnumerateObject(), e => e.Name == "reason");

        using var withdrawn = await SendAsync(writer, HttpMethod.Delete, $"/api/v1/commitments/{id}", """{ "reason": "Merged into another commitment." }""", "application/json", etag);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);

        var read = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}");
        Assert.Equal("Merged into another commitment.", read.GetProperty("withdrawalReason").GetString());
        Assert.Equal(JsonValueKind.String, read.GetProperty("withdrawnAt").ValueKind);
        Assert.Single(read.GetProperty("progressHistory").EnumerateArray());

        using var edit = await PatchAsync(writer, id, withdrawn.Headers.ETag!.ToString(), """{ "title": "After" }""");
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        await AssertProblemAsync(edit, "commitment-withdrawn");
    }

    [Fact]
    public async Task Progress_IsAuditedAsTheKey_PublishedAsTheSecretariat_AndListedNewestFirst()
    {
        var key = await app.CreateApiKeyAsync(Core.ApiKeys.ApiKeyRole.Secretariat, $"progress-{Guid.NewGuid():N}"[..30]);
        using var writer = app.CreateClientWithKey(key);
        var (id, etag) = await app.SeedCommitmentAsync(writer, "progress");

        using var first = await SendAsync(writer, HttpMethod.Post, $"/api/v1/commitments/{id}/progress", """{ "status": "onTrack", "progressPercent": 30, "asOf": "2026-02-01", "evidenceLinks": ["https://example.org/a"] }""", "application/json", etag);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var stale = await SendAsync(writer, HttpMethod.Post, $"/api/v1/commitments/{id}/progress", """{ "status": "atRisk", "progressPercent": 30, "asOf": "2026-03-01" }""", "application/json", etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var fall = await SendAsync(writer, HttpMethod.Post, $"/api/v1/commitments/{id}/progress", """{ "status": "atRisk", "progressPercent": 10, "asOf": "2026-03-01" }""", "application/json", first.Headers.GetValues("Commitment-ETag").Single());
        Assert.Equal(HttpStatusCode.BadRequest, fall.StatusCode);
        Assert.Contains((await AssertProblemAsync(fall, "validation")).GetProperty("errors").EnumerateObject(), e => e.Name == "note");

        var history = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}/progress");
        var only = Assert.Single(history.EnumerateArray());
        Assert.Equal(30, only.GetProperty("progressPercent").GetInt32());
        Assert.Equal("Secretariat", only.GetProperty("author").GetString());
        var audited = await app.WithDbAsync(db => Task.FromResult(db.AuditEntries.Where(a => a.EntityType == "Commitment" && a.EntityKey.Contains($":{id}}}")).Select(a => a.Actor).ToList()));
        Assert.Contains(audited, a => a.StartsWith("api-key:progress-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Progress_IsAuditedAsATrackedSaveWouldBe_TheNextEditStartsFromItsAfterState()
    {
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "audit-shape");
        using var recorded = await SendAsync(writer, HttpMethod.Post, $"/api/v1/commitments/{id}/progress", """{ "status": "onTrack", "progressPercent": 40, "note": "Halfway there.", "asOf": "2026-02-01", "evidenceLinks": ["https://example.org/e"] }""", "application/json", etag);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var update = JsonDocument.Parse(await recorded.Content.ReadAsStringAsync()).RootElement;
        var version = uint.Parse(recorded.Headers.GetValues("Commitment-ETag").Single().Trim('"'), System.Globalization.CultureInfo.InvariantCulture);

        // Recording progress skips the change tracker; a PATCH goes through it. Its before state must be exactly the
        // progress write's after state: the same properties, the same values, the new version.
        using var patched = await PatchAsync(writer, id, $"\"{version}\"", """{ "title": "Audited title" }""");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var key = $"{{\"Id\":{id}}}";
        var entries = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityKey == key || a.EntityKey == $"{{\"Id\":{update.GetProperty("id").GetInt64()}}}").OrderBy(a => a.Id).ToListAsync());
        var modified = entries.Where(e => e.EntityType == "Commitment" && e.Action == "Modified").ToList();
        Assert.Equal(2, modified.Count);
        var progressAfter = JsonNode.Parse(modified[0].After!)!;
        Assert.True(JsonNode.DeepEquals(progressAfter, JsonNode.Parse(modified[1].Before!)), $"{modified[0].After}\n{modified[1].Before}");
        Assert.Equal(version, progressAfter["Version"]!.GetValue<uint>());
        Assert.Equal(40, progressAfter["ProgressPercent"]!.GetValue<int>());
        Assert.Equal(JsonNode.Parse(modified[0].Before!)!["Version"]!.GetValue<uint>(), uint.Parse(etag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture));

        var added = Assert.Single(entries, e => e.EntityType == "ProgressUpdate");
        Assert.Equal("Added", added.Action);
        Assert.Null(added.Before);
        var row = JsonNode.Parse(added.After!)!;
        Assert.Equal(update.GetProperty("id").GetInt64(), row["Id"]!.GetValue<long>());
        Assert.Equal(id, row["CommitmentId"]!.GetValue<int>());
        Assert.Equal("Halfway there.", row["Note"]!.GetValue<string>());
        Assert.Equal(["https://example.org/e"], row["EvidenceLinks"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal(modified[0].Actor, added.Actor);
        Assert.Equal(modified[0].OccurredAt, added.OccurredAt);
    }

    [Theory]
    [InlineData("POST", "/api/v1/commitments", "text/plain")]
    [InlineData("POST", "/api/v1/commitments", "application/xml")]
    [InlineData("PUT", "/api/v1/commitments/1", "text/plain")]
    [InlineData("PATCH", "/api/v1/commitments/1", "application/json")]
    [InlineData("POST", "/api/v1/stakeholders", "text/csv")]
    public async Task WrongContentType_Is415Problem(string method, string url, string contentType)
    {
        using var writer = await app.CreateWriterAsync();

        using var response = await SendAsync(writer, new HttpMethod(method), url, "{}", contentType, "\"1\"");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertProblemAsync(response, "unsupported-media-type");
    }

    [Fact]
    public async Task OversizedBody_Is413Problem_AndCreatesNothing()
    {
        using var writer = await app.CreateWriterAsync();
        var marker = $"oversized-{Guid.NewGuid():N}";
        var body = JsonSerializer.Serialize(new { title = marker, description = new string('x', 300_000) });

        using var response = await SendAsync(writer, HttpMethod.Post, "/api/v1/commitments", body, "application/json", null);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertProblemAsync(response, "payload-too-large");
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Commitments.Any(c => c.Title == marker))));
    }

    [Fact]
    public async Task OversizedBody_SentWithoutContentLength_Is413Problem()
    {
        using var writer = await app.CreateWriterAsync();
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { title = "chunked", description = new string('x', 300_000) }));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/commitments") { Content = new NoLengthContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        Assert.Null(request.Content.Headers.ContentLength);

        using var response = await writer.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertProblemAsync(response, "payload-too-large");
    }

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? body, string? contentType, string? ifMatch, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType!);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    internal static Task<HttpResponseMessage> PatchAsync(HttpClient client, int id, string etag, string patch) =>
        SendAsync(client, HttpMethod.Patch, $"/api/v1/commitments/{id}", patch, "application/merge-patch+json", etag);

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, string code)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal($"urn:wsis-tracker:problem:{code}", problem.GetProperty("type").GetString());
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        return problem;
    }

    private static async Task<HttpResponseMessage> GetWithAsync(HttpClient client, string url, string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation(header, value);
        return await client.SendAsync(request);
    }

    /// <summary>Content that does not tell its length, so the client sends no Content-Length.</summary>
    private sealed class NoLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
