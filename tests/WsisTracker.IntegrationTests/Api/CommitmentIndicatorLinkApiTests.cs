using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WsisTracker.IntegrationTests.Infrastructure;
using static WsisTracker.IntegrationTests.Api.CommitmentWritesApiTests;

namespace WsisTracker.IntegrationTests.Api;

/// <summary>A commitment's link to an indicator through the API: PUT replaces it, PATCH merges it, a bad link changes nothing.</summary>
[Collection(AppCollection.Name)]
public sealed class CommitmentIndicatorLinkApiTests(WsisTrackerFactory app)
{
    private static string Body(string title, string? indicator) => $$"""
        { "title": "{{title}}", "description": "Measured on an indicator.",
          "paragraphs": [ { "resolution": "a-res-80-173", "number": 99 } ], "actionLines": [ "C2" ],
          "leadStakeholders": [ "itu" ]{{(indicator is null ? "" : $", \"indicator\": {indicator}")}} }
        """;

    private async Task<JsonElement> ReadAsync(int id) => await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}");

    private static (string Code, double Target, int Year)? Link(JsonElement commitment) =>
        commitment.GetProperty("indicator") is { ValueKind: JsonValueKind.Object } link
            ? (link.GetProperty("code").GetString()!, link.GetProperty("target").GetDouble(), link.GetProperty("targetYear").GetInt32())
            : null;

    [Fact]
    public async Task Put_SetsChangesAndRemovesTheLink_AndGetShowsIt()
    {
        var share = await app.ImportIndicatorAsync("Schools connected (% of schools)", suffix: ".ZS");
        var count = await app.ImportIndicatorAsync("Subscriptions (per 100 people)");
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "link-put");
        Assert.Equal(JsonValueKind.Null, (await ReadAsync(id)).GetProperty("indicator").ValueKind);

        using var set = await SendAsync(writer, HttpMethod.Put, $"/api/v1/commitments/{id}", Body("Linked", $$"""{ "code": "{{share.ToLowerInvariant()}}", "target": 100, "targetYear": 2030 }"""), "application/json", etag);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal((share, 100.0, 2030), Link(await set.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal((share, 100.0, 2030), Link(await ReadAsync(id)));

        using var changed = await SendAsync(writer, HttpMethod.Put, $"/api/v1/commitments/{id}", Body("Linked", $$"""{ "code": "{{count}}", "target": 150.5, "targetYear": 2035 }"""), "application/json", set.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal((count, 150.5, 2035), Link(await ReadAsync(id)));

        using var removed = await SendAsync(writer, HttpMethod.Put, $"/api/v1/commitments/{id}", Body("Linked", null), "application/json", changed.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Null(Link(await ReadAsync(id)));
    }

    [Fact]
    public async Task Patch_MergesIntoTheLink_AndNullRemovesIt()
    {
        var share = await app.ImportIndicatorAsync("Households with Internet (% of households)", suffix: ".ZS");
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "link-patch");

        using var set = await PatchAsync(writer, id, etag, $$"""{ "indicator": { "code": "{{share}}", "target": 90, "targetYear": 2030 } }""");
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal((share, 90.0, 2030), Link(await ReadAsync(id)));

        using var title = await PatchAsync(writer, id, set.Headers.ETag!.ToString(), """{ "title": "Only the title changes" }""");
        Assert.Equal((share, 90.0, 2030), Link(await title.Content.ReadFromJsonAsync<JsonElement>()));

        using var target = await PatchAsync(writer, id, title.Headers.ETag!.ToString(), """{ "indicator": { "target": 95.5 } }""");
        Assert.Equal(HttpStatusCode.OK, target.StatusCode);
        Assert.Equal((share, 95.5, 2030), Link(await ReadAsync(id)));

        using var removed = await PatchAsync(writer, id, target.Headers.ETag!.ToString(), """{ "indicator": null }""");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Null(Link(await ReadAsync(id)));
    }

    [Theory]
    [InlineData("""{ "code": "NO.SUCH.SERIES", "target": 50, "targetYear": 2030 }""", "indicator.code", "There is no imported indicator series with this code.")]
    [InlineData("""{ "code": "SHARE", "target": 150, "targetYear": 2030 }""", "indicator.target", "This indicator is a share in percent: give a target between 0 and 100.")]
    [InlineData("""{ "code": "SHARE", "target": 80, "targetYear": 1990 }""", "indicator.targetYear", "Give a target year between 2000 and 2100.")]
    [InlineData("""{ "code": "SHARE" }""", "indicator", "Give the indicator, its target value and its target year together, or none of them.")]
    public async Task ABadLink_Is400WithTheField_AndChangesNothing(string link, string field, string message)
    {
        var share = await app.ImportIndicatorAsync("Individuals online (% of population)", suffix: ".ZS");
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "link-refused");
        using var linked = await PatchAsync(writer, id, etag, $$"""{ "indicator": { "code": "{{share}}", "target": 70, "targetYear": 2028 } }""");
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var before = await ReadAsync(id);
        var bad = link.Replace("\"SHARE\"", $"\"{share}\"", StringComparison.Ordinal);

        using var put = await SendAsync(writer, HttpMethod.Put, $"/api/v1/commitments/{id}", Body("Refused", bad), "application/json", linked.Headers.ETag!.ToString());
        // A merge patch of only the code keeps the stored target and year; taking the year out leaves the link incomplete.
        var patchedLink = field == "indicator" ? """{ "targetYear": null }""" : bad;
        using var patch = await PatchAsync(writer, id, linked.Headers.ETag!.ToString(), $$"""{ "title": "Refused", "indicator": {{patchedLink}} }""");
        using var post = await writer.PostAsync("/api/v1/commitments", new StringContent(Body("Refused new", bad), System.Text.Encoding.UTF8, "application/json"));

        foreach (var response in new[] { put, patch, post })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await AssertProblemAsync(response, "validation")).GetProperty("errors");
            Assert.Equal([message], errors.GetProperty(field).EnumerateArray().Select(e => e.GetString()));
        }

        var after = await ReadAsync(id);
        Assert.Equal(before.GetProperty("version").GetUInt32(), after.GetProperty("version").GetUInt32());
        Assert.Equal(before.GetProperty("title").GetString(), after.GetProperty("title").GetString());
        Assert.Equal((share, 70.0, 2028), Link(after));
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesTheLink()
    {
        var document = await app.GetJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        Assert.True(schemas.GetProperty("CommitmentRequest").GetProperty("properties").TryGetProperty("indicator", out _));
        Assert.Equal(["code", "target", "targetYear"], schemas.GetProperty("IndicatorLinkRequest").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.True(schemas.GetProperty("CommitmentDetail").GetProperty("properties").TryGetProperty("indicator", out _));
        Assert.Equal(["code", "target", "targetYear"], schemas.GetProperty("IndicatorLink").GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }
}
