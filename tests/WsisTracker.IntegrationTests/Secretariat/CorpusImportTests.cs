using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Secretariat;

/// <summary>
/// Every resolution of the corpus (tests/WsisTracker.UnitTests/Resolutions/Corpus) goes through the import page,
/// preview then confirm, and reads back through the API as its expectations state.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CorpusImportTests(WsisTrackerFactory app)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Corpus");

    private static readonly JsonElement Expectations =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expectations.json"))).RootElement;

    public static TheoryData<string> Files => [.. Expectations.EnumerateObject().Select(e => e.Name)];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Import_CorpusResolution_PreviewsWithoutProblemAndReadsBackThroughTheApi(string file)
    {
        var expected = Expectations.GetProperty(file);
        var slug = expected.GetProperty("symbol").GetString()!.ToLowerInvariant().Replace('/', '-');
        try
        {
            await ImportAsync(file);
            await AssertReadsBackAsync(slug, expected);
        }
        finally
        {
            // Other tests of this collection read the list of resolutions; leave it as seeded.
            await RemoveAsync(slug);
        }
    }

    [Fact]
    public async Task Commitment_CitingAnAnnexParagraph_LinksToItsAnchorAndTheReaderShowsIt()
    {
        try
        {
            await ImportAsync("A-RES-80-3.txt");
            using var writer = await app.CreateWriterAsync();
            var body = new
            {
                title = $"Annex citation {Guid.NewGuid():N}",
                description = "Cites paragraph 13 of the Awaza Political Declaration.",
                paragraphs = new object[] { new { resolution = "a-res-80-3", part = "annex", number = 13 } },
                actionLines = new[] { "C4" },
                leadStakeholders = new[] { "itu" },
            };
            using var created = await writer.PostAsJsonAsync("/api/v1/commitments", body);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

            var commitment = await app.GetPageAsync($"/commitments/{id}");
            Assert.NotNull(commitment.QuerySelector("a[href='/resolutions/a-res-80-3#annex-p13']"));
            Assert.Contains("A/RES/80/3, annex, para 13", commitment.QuerySelector("a[href='/resolutions/a-res-80-3#annex-p13']")!.TextContent, StringComparison.Ordinal);

            var reader = await app.GetPageAsync("/resolutions/a-res-80-3");
            Assert.NotNull(reader.QuerySelector("#p1"));
            Assert.NotNull(reader.QuerySelector("#annex-p1"));
            Assert.NotNull(reader.QuerySelector("#annex-p13-b"));
            Assert.NotNull(reader.QuerySelector($"#annex-p13 a[href='/commitments/{id}']"));
            Assert.Null(reader.QuerySelector($"#p13"));

            using var unknown = await writer.PostAsJsonAsync("/api/v1/commitments", body with { paragraphs = new object[] { new { resolution = "a-res-80-3", part = "annex", number = 26 } } });
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        }
        finally
        {
            await RemoveAsync("a-res-80-3");
        }
    }

    private async Task ImportAsync(string file) =>
        await app.ImportResolutionThroughThePageAsync(file, await File.ReadAllBytesAsync(Path.Combine(Folder, file)));

    private async Task AssertReadsBackAsync(string slug, JsonElement expected)
    {
        var resolution = await app.GetJsonAsync<JsonElement>($"/api/v1/resolutions/{slug}");
        var paragraphs = (await app.GetJsonAsync<JsonElement>($"/api/v1/resolutions/{slug}/paragraphs")).EnumerateArray().ToList();
        var own = paragraphs.Where(p => p.GetProperty("part").ValueKind == JsonValueKind.Null).ToList();

        Assert.Equal(expected.GetProperty("preambular").GetInt32(), resolution.GetProperty("preambularParagraphCount").GetInt32());
        Assert.Equal(expected.GetProperty("operative").GetInt32(), resolution.GetProperty("operativeParagraphCount").GetInt32());
        Assert.Equal(expected.GetProperty("preambular").GetInt32(), own.Count(p => p.GetProperty("kind").GetString() == "preambular"));
        Assert.Equal(expected.GetProperty("annexParagraphs").GetInt32(), paragraphs.Count - own.Count);
        Assert.Equal(expected.GetProperty("subParagraphs").GetInt32(), paragraphs.Sum(p => CountSubParagraphs(p.GetProperty("subParagraphs"))));
        Assert.Equal(expected.GetProperty("footnotes").GetInt32(), resolution.GetProperty("footnotes").GetArrayLength());
        Assert.Equal(
            expected.GetProperty("annexes").EnumerateArray().Select(a => (a.GetProperty("key").GetString(), a.GetProperty("title").GetString())),
            resolution.GetProperty("annexes").EnumerateArray().Select(a => (a.GetProperty("key").GetString(), a.GetProperty("title").GetString())));
        foreach (var text in expected.GetProperty("texts").EnumerateArray())
        {
            Assert.Equal(text.GetProperty("text").GetString(), Find(paragraphs, text));
        }
    }

    private static int CountSubParagraphs(JsonElement subParagraphs) =>
        subParagraphs.EnumerateArray().Sum(s => 1 + CountSubParagraphs(s.GetProperty("subParagraphs")));

    private static string? Find(List<JsonElement> paragraphs, JsonElement text)
    {
        var part = text.TryGetProperty("part", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var inPart = paragraphs.Where(x => x.GetProperty("part").ValueKind == JsonValueKind.Null ? part is null : x.GetProperty("part").GetString() == part).ToList();
        if (text.TryGetProperty("preamble", out var preamble))
        {
            return inPart.Where(x => x.GetProperty("kind").GetString() == "preambular").ElementAtOrDefault(preamble.GetInt32() - 1).GetProperty("text").GetString();
        }

        var number = text.GetProperty("number").GetInt32();
        var paragraph = inPart.Single(x => x.GetProperty("number").ValueKind == JsonValueKind.Number && x.GetProperty("number").GetInt32() == number);
        if (!text.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String)
        {
            return paragraph.GetProperty("text").GetString();
        }

        var current = paragraph;
        foreach (var label in sub.GetString()!.Split('.'))
        {
            current = current.GetProperty("subParagraphs").EnumerateArray().Single(s => s.GetProperty("label").GetString() == label);
        }

        return current.GetProperty("text").GetString();
    }

    private Task<int> RemoveAsync(string slug) => app.RemoveResolutionAsync(slug);
}
