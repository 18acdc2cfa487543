using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using WsisTracker.Core.Data.Seeding;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Api;

[Collection(AppCollection.Name)]
public sealed partial class ResolutionsApiTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task List_ServesBothResolutions_OldestFirst()
    {
        var list = await app.GetJsonAsync<JsonElement>("/api/v1/resolutions");

        var symbols = list.EnumerateArray().Select(r => r.GetProperty("symbol").GetString()).ToList();
        Assert.Equal(["A/RES/70/125", "A/RES/80/173"], symbols);
        var first = list[0];
        Assert.Equal("a-res-70-125", first.GetProperty("slug").GetString());
        Assert.Equal("2015-12-16", first.GetProperty("adoptionDate").GetString());
        Assert.Equal(71, first.GetProperty("operativeParagraphCount").GetInt32());
        Assert.Equal(127, list[1].GetProperty("operativeParagraphCount").GetInt32());
        Assert.Equal(8, list[1].GetProperty("preambularParagraphCount").GetInt32());
    }

    [Theory]
    [InlineData("a-res-70-125", 9, 10, "79th plenary meeting")]
    [InlineData("a-res-80-173", 17, 12, "68th plenary meeting")]
    public async Task Get_ServesSectionsAndFootnotes(string slug, int sections, int footnotes, string meeting)
    {
        var resolution = await app.GetJsonAsync<JsonElement>($"/api/v1/resolutions/{slug}");

        Assert.Equal(sections, resolution.GetProperty("sections").GetArrayLength());
        Assert.Equal(footnotes, resolution.GetProperty("footnotes").GetArrayLength());
        Assert.Equal(meeting, resolution.GetProperty("meeting").GetString());
        var numbers = resolution.GetProperty("footnotes").EnumerateArray().Select(f => f.GetProperty("number").GetInt32());
        Assert.Equal(Enumerable.Range(1, footnotes), numbers);
    }

    [Fact]
    public async Task Get_70_125_ServesTheFootnoteTextsAsPrinted()
    {
        var resolution = await app.GetJsonAsync<JsonElement>("/api/v1/resolutions/a-res-70-125");

        var footnotes = resolution.GetProperty("footnotes").EnumerateArray().ToDictionary(f => f.GetProperty("number").GetInt32(), f => f.GetProperty("text").GetString());
        Assert.Equal("See A/60/687.", footnotes[1]);
        Assert.Equal("A/67/65-E/2012/48 and Corr.1.", footnotes[10]);
    }

    /// <summary>
    /// Every operative paragraph of A/RES/70/125 as served, with its footnote numbers put back where the API says
    /// they stood, equals the line of the UN text (whitespace normalised): no word lost, moved or added.
    /// </summary>
    [Fact]
    public async Task Paragraphs_70_125_OperativeTextsAreTheUnTextWithMarkersWhereTheyStood()
    {
        var paragraphs = await app.GetJsonAsync<JsonElement>("/api/v1/resolutions/a-res-70-125/paragraphs?kind=operative");
        var source = OperativeLine().Matches(SeedData.ReadText("A-RES-70-125.txt"))
            .ToDictionary(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m => Normalise(m.Groups[2].Value));

        Assert.Equal(71, paragraphs.GetArrayLength());
        Assert.Equal(Enumerable.Range(1, 71), paragraphs.EnumerateArray().Select(p => p.GetProperty("number").GetInt32()));
        foreach (var paragraph in paragraphs.EnumerateArray())
        {
            var number = paragraph.GetProperty("number").GetInt32();
            var text = paragraph.GetProperty("text").GetString()!;
            Assert.Equal("operative", paragraph.GetProperty("kind").GetString());
            var withMarkers = text;
            foreach (var footnote in paragraph.GetProperty("footnotes").EnumerateArray().Reverse())
            {
                withMarkers = withMarkers.Insert(footnote.GetProperty("offset").GetInt32(), footnote.GetProperty("number").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            Assert.Equal(source[number], withMarkers);
        }
    }

    [Fact]
    public async Task Paragraph_43_CarriesFootnote7GluedToAYear()
    {
        var paragraph = await app.GetJsonAsync<JsonElement>("/api/v1/resolutions/a-res-70-125/paragraphs/43");

        Assert.Contains("resolution 26/13 of 26 June 2014 and General Assembly resolution 69/166", paragraph.GetProperty("text").GetString(), StringComparison.Ordinal);
        var footnote = Assert.Single(paragraph.GetProperty("footnotes").EnumerateArray());
        Assert.Equal(7, footnote.GetProperty("number").GetInt32());
        Assert.StartsWith("See Official Records of the General Assembly", footnote.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("2.", paragraph.GetProperty("section").GetProperty("number").GetString());
    }

    [Fact]
    public async Task Paragraph_11_StandsBeforeTheFirstSectionAndNamesC10()
    {
        var paragraph = await app.GetJsonAsync<JsonElement>("/api/v1/resolutions/a-res-70-125/paragraphs/11");

        Assert.Equal(JsonValueKind.Null, paragraph.GetProperty("section").ValueKind);
        Assert.Equal(["C10"], paragraph.GetProperty("mentionedActionLines").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("action line C10 of the Plan of Action", paragraph.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paragraphs_80_173_HaveNoPageFurniture()
    {
        var paragraphs = await app.GetJsonAsync<JsonElement>("/api/v1/resolutions/a-res-80-173/paragraphs");

        Assert.Equal(135, paragraphs.GetArrayLength());
        foreach (var text in paragraphs.EnumerateArray().Select(p => p.GetProperty("text").GetString()!))
        {
            Assert.DoesNotContain("25-20874", text, StringComparison.Ordinal);
            Assert.DoesNotMatch(PageMarker(), text);
            Assert.DoesNotContain("  ", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Paragraphs_FilterByKind_ServesOnlyThatKind()
    {
        var preambular = await app.GetJsonAsync<JsonElement>("/api/v1/resolutions/a-res-80-173/paragraphs?kind=preambular");

        Assert.Equal(8, preambular.GetArrayLength());
        Assert.All(preambular.EnumerateArray(), p => Assert.Equal("preambular", p.GetProperty("kind").GetString()));
        Assert.StartsWith("We, the Ministers", preambular[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Building on", preambular[7].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/resolutions/a-res-99-999")]
    [InlineData("/api/v1/resolutions/a-res-99-999/paragraphs")]
    [InlineData("/api/v1/resolutions/a-res-70-125/paragraphs/72")]
    [InlineData("/api/v1/resolutions/a-res-70-125/paragraphs/0")]
    public async Task Unknown_IsProblem404(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Paragraphs_UnknownKind_IsProblem400()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/v1/resolutions/a-res-70-125/paragraphs?kind=footnote");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _));
    }

    private static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"^\t(\d+)\.\t(.+)$", RegexOptions.Multiline)]
    private static partial Regex OperativeLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\b\d{1,2}/20\b")]
    private static partial Regex PageMarker();
}
