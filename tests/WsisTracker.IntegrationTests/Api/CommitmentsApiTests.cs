using System.Net;
using System.Text.Json;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Api;

[Collection(AppCollection.Name)]
public sealed class CommitmentsApiTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task List_IsKeysetPagedWithTheCountUnderTheFilters()
    {
        var first = await app.GetJsonAsync<JsonElement>("/api/v1/commitments?resolution=a-res-70-125&limit=10");
        var second = await app.GetJsonAsync<JsonElement>(first.GetProperty("next").GetString()!);

        Assert.True(first.GetProperty("totalCount").GetInt32() >= 25);
        Assert.Equal(first.GetProperty("totalCount").GetInt32(), second.GetProperty("totalCount").GetInt32());
        Assert.Equal(10, first.GetProperty("items").GetArrayLength());
        Assert.Equal(10, second.GetProperty("items").GetArrayLength());
        Assert.True(second.GetProperty("items")[0].GetProperty("id").GetInt32() > first.GetProperty("items")[9].GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("a-res-70-125", 25)]
    [InlineData("a-res-80-173", 40)]
    public async Task SeededCommitments_EachCiteAParagraphAnActionLineAndALead(string resolution, int atLeast)
    {
        var page = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments?resolution={resolution}&limit=200");
        var items = page.GetProperty("items").EnumerateArray().Where(c => !c.GetProperty("isSynthetic").GetBoolean()).ToList();

        Assert.True(items.Count >= atLeast, $"{resolution} has {items.Count} commitments");
        Assert.All(items, c =>
        {
            Assert.NotEmpty(c.GetProperty("paragraphs").EnumerateArray());
            Assert.NotEmpty(c.GetProperty("actionLines").EnumerateArray());
            Assert.Contains(c.GetProperty("stakeholders").EnumerateArray(), s => s.GetProperty("role").GetString() == "lead");
        });
    }

    [Fact]
    public async Task List_FiltersByParagraphAndActionLine()
    {
        var page = await app.GetJsonAsync<JsonElement>("/api/v1/commitments?resolution=a-res-70-125&paragraph=27");
        var cited = page.GetProperty("items").EnumerateArray().ToList();
        Assert.All(cited, c => Assert.Contains(c.GetProperty("paragraphs").EnumerateArray(), p => p.GetProperty("number").GetInt32() == 27));
        var gender = Assert.Single(cited, c => c.GetProperty("targetDate").ValueKind == JsonValueKind.String);

        Assert.Equal("2020-12-31", gender.GetProperty("targetDate").GetString());
        Assert.Equal("notStarted", gender.GetProperty("status").GetString());
        Assert.True(gender.GetProperty("isOverdue").GetBoolean());

        var c5 = await app.GetJsonAsync<JsonElement>("/api/v1/commitments?actionLine=C5&limit=200");
        Assert.All(c5.GetProperty("items").EnumerateArray(), c => Assert.Contains("C5", c.GetProperty("actionLines").EnumerateArray().Select(a => a.GetString())));
    }

    [Fact]
    public async Task Get_ServesParagraphsActionLinesStakeholdersAndHistory()
    {
        var id = await IdOfAsync("a-res-70-125", 71);

        var commitment = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}");

        Assert.Equal("achieved", commitment.GetProperty("status").GetString());
        Assert.Equal(100, commitment.GetProperty("progressPercent").GetInt32());
        Assert.Equal("once", commitment.GetProperty("reportingCadence").GetString());
        var paragraph = Assert.Single(commitment.GetProperty("paragraphs").EnumerateArray());
        Assert.Equal("A/RES/70/125", paragraph.GetProperty("resolution").GetString());
        Assert.Equal(71, paragraph.GetProperty("number").GetInt32());
        Assert.StartsWith("We recognize that, in the preparation of this review", paragraph.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(commitment.GetProperty("actionLines").EnumerateArray());
        Assert.NotEmpty(commitment.GetProperty("stakeholders").EnumerateArray());
        var update = Assert.Single(commitment.GetProperty("progressHistory").EnumerateArray());
        Assert.Equal("achieved", update.GetProperty("status").GetString());
        Assert.Equal("2025-12-17", update.GetProperty("asOf").GetString());
        Assert.Contains("https://undocs.org/A/RES/80/173", update.GetProperty("evidenceLinks").EnumerateArray().Select(e => e.GetString()));
        Assert.True(commitment.GetProperty("version").GetUInt32() > 0);
    }

    [Fact]
    public async Task Lineage_LinksTheIgfMandateBothWays()
    {
        var earlier = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{await IdOfAsync("a-res-70-125", 63)}");
        var later = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{await IdOfAsync("a-res-80-173", 99)}");

        var continues = Assert.Single(later.GetProperty("continues").EnumerateArray());
        Assert.Equal(earlier.GetProperty("id").GetInt32(), continues.GetProperty("id").GetInt32());
        Assert.Equal("continues", continues.GetProperty("kind").GetString());
        Assert.Equal("A/RES/70/125", continues.GetProperty("resolution").GetString());
        Assert.Contains(earlier.GetProperty("continuedBy").EnumerateArray(), l => l.GetProperty("id").GetInt32() == later.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Lineage_AnnualReportingIsReplacedByBiennial()
    {
        var annual = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{await IdOfAsync("a-res-70-125", 67)}");
        var biennial = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{await IdOfAsync("a-res-80-173", 124)}");

        Assert.Equal("annual", annual.GetProperty("reportingCadence").GetString());
        Assert.Equal("biennial", biennial.GetProperty("reportingCadence").GetString());
        var link = Assert.Single(biennial.GetProperty("continues").EnumerateArray());
        Assert.Equal("replaces", link.GetProperty("kind").GetString());
        Assert.Equal(annual.GetProperty("id").GetInt32(), link.GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("status=finished")]
    [InlineData("overdue=maybe")]
    [InlineData("stakeholderGroup=aliens")]
    public async Task List_BadQueryValue_IsProblem400(string query)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync($"/api/v1/commitments?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(query.Split('=')[0], Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name, ignoreCase: true);
    }

    [Fact]
    public async Task Get_UnknownId_IsProblem404()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/v1/commitments/987654321");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<int> IdOfAsync(string resolution, int paragraph)
    {
        var page = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments?resolution={resolution}&paragraph={paragraph}&limit=200");
        return page.GetProperty("items").EnumerateArray()
            .First(c => c.GetProperty("paragraphs").EnumerateArray().Any(p => p.GetProperty("number").GetInt32() == paragraph && p.GetProperty("resolutionSlug").GetString() == resolution))
            .GetProperty("id").GetInt32();
    }
}
