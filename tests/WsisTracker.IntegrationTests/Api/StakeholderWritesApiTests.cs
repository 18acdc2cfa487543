using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WsisTracker.Core.ApiKeys;
using WsisTracker.IntegrationTests.Infrastructure;
using static WsisTracker.IntegrationTests.Api.CommitmentWritesApiTests;

namespace WsisTracker.IntegrationTests.Api;

[Collection(AppCollection.Name)]
public sealed class StakeholderWritesApiTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task CreateReplaceDelete_WithETags()
    {
        using var admin = await app.CreateWriterAsync(ApiKeyRole.Administrator);
        var name = $"Alliance {Guid.NewGuid():N}";

        using var created = await SendAsync(admin, HttpMethod.Post, "/api/v1/stakeholders", JsonSerializer.Serialize(new { name, group = "civilSociety", countryCode = "ken", website = "https://example.org" }), "application/json", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("KEN", body.GetProperty("countryCode").GetString());
        var url = created.Headers.Location!.ToString();

        using var replaced = await SendAsync(admin, HttpMethod.Put, url, JsonSerializer.Serialize(new { name = name + " renamed", group = "academicCommunity" }), "application/json", created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("academicCommunity", (await replaced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("group").GetString());

        using var stale = await SendAsync(admin, HttpMethod.Delete, url, null, null, created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var deleted = await SendAsync(admin, HttpMethod.Delete, url, null, null, replaced.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Delete_OfACitedStakeholder_Is409StakeholderInUse()
    {
        using var admin = await app.CreateWriterAsync(ApiKeyRole.Administrator);
        using var created = await SendAsync(admin, HttpMethod.Post, "/api/v1/stakeholders", JsonSerializer.Serialize(new { name = $"Cited {Guid.NewGuid():N}", acronym = $"C{Guid.NewGuid():N}"[..10], group = "privateSector" }), "application/json", null);
        var stakeholder = await created.Content.ReadFromJsonAsync<JsonElement>();
        var slug = stakeholder.GetProperty("slug").GetString();
        using var cite = await SendAsync(admin, HttpMethod.Post, "/api/v1/commitments", JsonSerializer.Serialize(new { title = "Cites", description = "d", paragraphs = new[] { new { resolution = "a-res-80-173", number = 99 } }, actionLines = new[] { "C1" }, leadStakeholders = new[] { slug } }), "application/json", null);
        Assert.Equal(HttpStatusCode.Created, cite.StatusCode);

        using var response = await SendAsync(admin, HttpMethod.Delete, created.Headers.Location!.ToString(), null, null, created.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await AssertProblemAsync(response, "stakeholder-in-use");
        Assert.Contains("1 commitment", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_HasETag_And304()
    {
        using var client = app.CreateClient();
        var etag = await app.ETagOfAsync("/api/v1/stakeholders/1");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/stakeholders/1");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_CountsANewOverdueCommitment()
    {
        var before = await app.GetJsonAsync<JsonElement>("/api/v1/dashboard");
        using var writer = await app.CreateWriterAsync();
        var seededAt = DateTimeOffset.UtcNow.AddSeconds(-5);
        await app.SeedCommitmentAsync(writer, "dashboard", targetDate: "2001-01-01", actionLine: "C9");

        var after = await app.GetJsonAsync<JsonElement>("/api/v1/dashboard");

        int Total(JsonElement d) => d.GetProperty("totals").GetProperty("byStatus").EnumerateObject().Sum(s => s.Value.GetInt32());
        int C9(JsonElement d) => d.GetProperty("actionLines").EnumerateArray().Where(a => a.GetProperty("code").GetString() == "C9").Select(a => a.GetProperty("total").GetInt32()).SingleOrDefault();
        Assert.Equal(Total(before) + 1, Total(after));
        Assert.Equal(before.GetProperty("totals").GetProperty("overdue").GetInt32() + 1, after.GetProperty("totals").GetProperty("overdue").GetInt32());
        Assert.Equal(C9(before) + 1, C9(after));
        Assert.True(after.GetProperty("lastChanged").GetDateTimeOffset() >= seededAt);
        Assert.Contains(after.GetProperty("overdue").EnumerateArray(), c => c.GetProperty("title").GetString()!.StartsWith("dashboard", StringComparison.Ordinal));
        var only7125 = await app.GetJsonAsync<JsonElement>("/api/v1/dashboard?resolution=a-res-70-125");
        Assert.True(Total(only7125) < Total(after));
    }
}
