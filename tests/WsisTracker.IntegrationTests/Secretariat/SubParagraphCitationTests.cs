using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;

using static WsisTracker.IntegrationTests.Secretariat.WorkspaceCsv;

namespace WsisTracker.IntegrationTests.Secretariat;

/// <summary>
/// A commitment cites a sub-paragraph (decision 106): through the API (create, replace), the workspace CSV and the
/// commitment page's link to the reader's anchor. The resolution is the corpus's A/RES/80/3 under the symbol
/// A/RES/99/3, imported through the page, with roman sub-paragraphs (i) and (ii) written under its annex paragraph
/// 13 (b) so that a roman one can be cited too.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SubParagraphCitationTests(WsisTrackerFactory app)
{
    private const string Slug = "a-res-99-3";

    [Fact]
    public async Task Api_CreateAndReplace_WithASubParagraph_StoresItAndThePageLinksToItsAnchor()
    {
        await WithResolutionAsync(async () =>
        {
            using var writer = await app.CreateWriterAsync();
            using var created = await writer.PostAsJsonAsync("/api/v1/commitments", Body($"Cites 13 (b) {Guid.NewGuid():N}", "b"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var body = await created.Content.ReadFromJsonAsync<JsonElement>();
            var id = body.GetProperty("id").GetInt32();
            var cited = Assert.Single(body.GetProperty("paragraphs").EnumerateArray());
            Assert.Equal(("annex", 13, "b"), (cited.GetProperty("part").GetString(), cited.GetProperty("number").GetInt32(), cited.GetProperty("subParagraph").GetString()));

            var page = await app.GetPageAsync($"/commitments/{id}");
            var link = page.QuerySelector($"a[href='/resolutions/{Slug}#annex-p13-b']");
            Assert.NotNull(link);
            Assert.Equal("A/RES/99/3, annex, para 13 (b)", link.TextContent.Trim());
            var reader = await app.GetPageAsync($"/resolutions/{Slug}");
            Assert.NotNull(reader.QuerySelector("#annex-p13-b"));
            Assert.NotNull(reader.QuerySelector("#annex-p13-b-ii"));

            using var replaced = await PutAsync(writer, id, created.Headers.ETag!.ToString(), Body("Now cites 13 (b) (ii)", "b-ii"));
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
            var detail = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}");
            Assert.Equal("b-ii", Assert.Single(detail.GetProperty("paragraphs").EnumerateArray()).GetProperty("subParagraph").GetString());
            page = await app.GetPageAsync($"/commitments/{id}");
            Assert.Equal("A/RES/99/3, annex, para 13 (b) (ii)", page.QuerySelector($"a[href='/resolutions/{Slug}#annex-p13-b-ii']")?.TextContent.Trim());

            using var whole = await PutAsync(writer, id, replaced.Headers.ETag!.ToString(), Body("Now cites all of 13", null));
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
            var wholeBody = await whole.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(JsonValueKind.Null, Assert.Single(wholeBody.GetProperty("paragraphs").EnumerateArray()).GetProperty("subParagraph").ValueKind);
            Assert.NotNull((await app.GetPageAsync($"/commitments/{id}")).QuerySelector($"a[href='/resolutions/{Slug}#annex-p13']"));
        });
    }

    [Fact]
    public async Task Api_AnUnknownSubParagraph_IsRefusedWithAFieldErrorAndChangesNothing()
    {
        await WithResolutionAsync(async () =>
        {
            using var writer = await app.CreateWriterAsync();
            var title = $"Never stored {Guid.NewGuid():N}";

            using var unknown = await writer.PostAsJsonAsync("/api/v1/commitments", Body(title, "f"));
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
            var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("has no sub-paragraph (f)", Assert.Single(problem.GetProperty("errors").GetProperty("paragraphs").EnumerateArray()).GetString(), StringComparison.Ordinal);
            using var malformed = await writer.PostAsJsonAsync("/api/v1/commitments", Body(title, "(b)"));
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            Assert.True((await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("paragraphs", out _));
            Assert.False(await app.WithDbAsync(db => db.Commitments.AnyAsync(c => c.Title == title)));

            using var created = await writer.PostAsJsonAsync("/api/v1/commitments", Body($"Cites 13 (b) {Guid.NewGuid():N}", "b"));
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            using var notThere = await PutAsync(writer, id, created.Headers.ETag!.ToString(), Body("Cites a roman one that is not there", "b-iii"));
            Assert.Equal(HttpStatusCode.BadRequest, notThere.StatusCode);
            Assert.Contains("has no sub-paragraph (b) (iii)", (await notThere.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            var detail = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}");
            Assert.Equal("b", Assert.Single(detail.GetProperty("paragraphs").EnumerateArray()).GetProperty("subParagraph").GetString());
            Assert.Equal(created.Headers.ETag!.ToString(), $"\"{detail.GetProperty("version").GetUInt32()}\"");
        });
    }

    [Fact]
    public async Task Csv_RoundTrip_WritesAndReadsTheSubParagraphAndRefusesAnUnknownOne()
    {
        await WithResolutionAsync(async () =>
        {
            using var writer = await app.CreateWriterAsync();
            using var created = await writer.PostAsJsonAsync("/api/v1/commitments", Body($"Cites 13 (b) (ii) {Guid.NewGuid():N}", "b-ii"));
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
            var lines = (await client.Http.GetStringAsync("/workspace/csv/commitments.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var row = lines.Single(l => l.StartsWith($"{id},", StringComparison.Ordinal));
            Assert.Contains($",{Slug}:annex:13(b)(ii),", row, StringComparison.Ordinal);

            var unchanged = await PreviewAsync(client, lines[0] + "\r\n" + row + "\r\n");
            Assert.Null(unchanged.QuerySelector("#errors"));
            Assert.StartsWith("0 to create, 0 to change", unchanged.QuerySelector("#summary")!.TextContent, StringComparison.Ordinal);

            var version = await app.ETagOfAsync($"/api/v1/commitments/{id}");
            var unknown = await PreviewAsync(client, lines[0] + "\r\n" + row.Replace(":13(b)(ii),", ":13(b)(iv),", StringComparison.Ordinal) + "\r\n");
            Assert.Contains("has no sub-paragraph (b) (iv)", unknown.QuerySelector("#errors")?.TextContent, StringComparison.Ordinal);
            Assert.Null(unknown.QuerySelector("form[action='/workspace/csv/import']"));

            var edited = await PreviewAsync(client, lines[0] + "\r\n" + row.Replace(":13(b)(ii),", ":13(c),", StringComparison.Ordinal) + "\r\n");
            Assert.Null(edited.QuerySelector("#errors"));
            Assert.Equal(version, await app.ETagOfAsync($"/api/v1/commitments/{id}"));
            using var applied = await client.SubmitAsync(edited, "/workspace/csv/import");
            Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
            var detail = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}");
            Assert.Equal("c", Assert.Single(detail.GetProperty("paragraphs").EnumerateArray()).GetProperty("subParagraph").GetString());
            var exported = (await client.Http.GetStringAsync("/workspace/csv/commitments.csv")).Split("\r\n").Single(l => l.StartsWith($"{id},", StringComparison.Ordinal));
            Assert.Contains($",{Slug}:annex:13(c),", exported, StringComparison.Ordinal);
        });
    }

    private static object Body(string title, string? subParagraph) => new
    {
        title,
        description = "Cites a sub-paragraph of the annexed declaration.",
        paragraphs = new object[] { new { resolution = Slug, part = "annex", number = 13, subParagraph } },
        actionLines = new[] { "C4" },
        leadStakeholders = new[] { "itu" },
    };

    private static async Task<HttpResponseMessage> PutAsync(HttpClient writer, int id, string etag, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/commitments/{id}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        return await writer.SendAsync(request);
    }

    private async Task WithResolutionAsync(Func<Task> test)
    {
        try
        {
            await ImportAsync();
            await test();
        }
        finally
        {
            await app.RemoveResolutionAsync(Slug);
        }
    }

    /// <summary>A/RES/80/3 as A/RES/99/3, its annex paragraph 13 (b) given roman sub-paragraphs (i) and (ii).</summary>
    private async Task ImportAsync()
    {
        var text = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Corpus", "A-RES-80-3.txt")))
            .Replace("A/RES/80/3", "A/RES/99/3", StringComparison.Ordinal)
            .Replace("80/3. Awaza", "99/3. Awaza", StringComparison.Ordinal)
            .Replace("(b) \nTrade, trade facilitation and regional integration; \n", "(b) \nTrade, including: \n(i) \nTrade facilitation; \n(ii) \nRegional integration; \n", StringComparison.Ordinal);
        Assert.Contains("(ii) \nRegional integration", text, StringComparison.Ordinal);
        await app.ImportResolutionThroughThePageAsync("A-RES-99-3.txt", Encoding.UTF8.GetBytes(text));
    }
}
