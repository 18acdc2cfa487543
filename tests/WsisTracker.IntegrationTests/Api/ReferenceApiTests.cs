using System.Net;
using System.Text.Json;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Api;

[Collection(AppCollection.Name)]
public sealed class ReferenceApiTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task ActionLines_ServesElevenWithTheC7SubLines()
    {
        var lines = await app.GetJsonAsync<JsonElement>("/api/v1/action-lines");

        Assert.Equal(Enumerable.Range(1, 11).Select(i => $"C{i}"), lines.EnumerateArray().Select(l => l.GetProperty("code").GetString()));
        var c7 = lines[6];
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"C7.{i}"), c7.GetProperty("subLines").EnumerateArray().Select(l => l.GetProperty("code").GetString()));
        Assert.All(c7.GetProperty("subLines").EnumerateArray(), l => Assert.Equal("C7", l.GetProperty("parent").GetString()));
    }

    [Fact]
    public async Task ActionLine_CarriesFacilitatorsSdgsAndProvenance()
    {
        var c1 = await app.GetJsonAsync<JsonElement>("/api/v1/action-lines/C1");

        var facilitators = c1.GetProperty("facilitators").EnumerateArray().Select(f => (f.GetProperty("acronym").GetString(), f.GetProperty("role").GetString())).ToList();
        Assert.Contains(("ITU", "coFacilitator"), facilitators);
        Assert.Contains(facilitators, f => f.Item2 == "facilitator");
        Assert.Equal([1, 3, 5, 10, 16, 17], c1.GetProperty("sdgs").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Contains("WSIS-SDG Matrix", c1.GetProperty("provenanceNotes").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(c1.GetProperty("sources").EnumerateArray());
    }

    [Fact]
    public async Task ActionLine_SubLineByCode()
    {
        var health = await app.GetJsonAsync<JsonElement>("/api/v1/action-lines/C7.4");

        Assert.Equal("E-health", health.GetProperty("title").GetString());
        Assert.Equal("C7", health.GetProperty("parent").GetString());
    }

    [Fact]
    public async Task Stakeholders_AreGroupedAndFilterable()
    {
        var all = await app.GetJsonAsync<JsonElement>("/api/v1/stakeholders");
        var organizations = await app.GetJsonAsync<JsonElement>("/api/v1/stakeholders?group=internationalOrganizations");

        Assert.Contains(all.EnumerateArray(), s => s.GetProperty("acronym").GetString() == "ITU" && s.GetProperty("group").GetString() == "internationalOrganizations");
        Assert.Contains(all.EnumerateArray(), s => s.GetProperty("acronym").GetString() == "UNESCO");
        Assert.All(organizations.EnumerateArray(), s => Assert.Equal("internationalOrganizations", s.GetProperty("group").GetString()));
        Assert.True(organizations.GetArrayLength() < all.GetArrayLength());
    }

    [Theory]
    [InlineData("/api/v1/action-lines/C12")]
    [InlineData("/api/v1/stakeholders/987654321")]
    public async Task Unknown_IsProblem404(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Swagger_DescribesTheApi()
    {
        var document = await app.GetJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/commitments", paths);
        Assert.Contains("/api/v1/resolutions/{slug}/paragraphs/{number}", paths);
        using var client = app.CreateClient();
        using var ui = await client.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    [Fact]
    public async Task HomePage_LinksToTheResolutionsAndTheApi()
    {
        using var client = app.CreateClient();
        var html = await client.GetStringAsync("/");

        Assert.Contains("href=\"/api/v1/resolutions/a-res-70-125\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/swagger\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_IsHealthy(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
