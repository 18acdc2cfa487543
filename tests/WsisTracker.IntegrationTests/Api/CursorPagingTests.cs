using System.Net;
using System.Text.Json;
using WsisTracker.IntegrationTests.Infrastructure;
using static WsisTracker.IntegrationTests.Api.CommitmentWritesApiTests;

namespace WsisTracker.IntegrationTests.Api;

[Collection(AppCollection.Name)]
public sealed class CursorPagingTests(WsisTrackerFactory app)
{
    [Theory]
    [InlineData("id")]
    [InlineData("-id")]
    [InlineData("code")]
    [InlineData("-createdAt")]
    public async Task WalkingEveryPage_WhileItemsAreEdited_ReturnsEachItemExactlyOnce(string sort)
    {
        using var writer = await app.CreateWriterAsync();
        var marker = $"walk{Guid.NewGuid():N}"[..20];
        var created = new List<(int Id, string ETag)>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await app.SeedCommitmentAsync(writer, marker));
        }

        using var client = app.CreateClient();
        var seen = new List<int>();
        var url = $"/api/v1/commitments?q={marker}&limit=2&sort={sort}";
        var pages = 0;
        while (url is not null && pages++ < 10)
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(7, page.GetProperty("totalCount").GetInt32());
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));
            url = page.GetProperty("next").GetString();
            Assert.Equal(url is null ? null : $"<{url}>; rel=\"next\"", response.Headers.TryGetValues("Link", out var link) ? link.Single() : null);

            // Edit every item between pages: titles (still matching) and updatedAt change, the keyset does not.
            foreach (var (id, _) in created)
            {
                var etag = await app.ETagOfAsync($"/api/v1/commitments/{id}");
                using var edit = await PatchAsync(writer, id, etag, JsonSerializer.Serialize(new { title = $"{marker} edited {pages} {Guid.NewGuid():N}"[..60] }));
                Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
            }
        }

        Assert.Equal(created.Select(c => c.Id).Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        var expectedOrder = sort == "id" ? seen.Order() : sort == "-id" ? seen.OrderDescending() : seen.AsEnumerable();
        Assert.Equal(expectedOrder, seen);
    }

    [Fact]
    public async Task FiltersUpdatedSinceAndQ_AndABadCursorOrSort_IsProblem400()
    {
        using var writer = await app.CreateWriterAsync();
        var marker = $"since{Guid.NewGuid():N}"[..20];
        var (id, _) = await app.SeedCommitmentAsync(writer, marker);

        var future = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments?q={marker}&updatedSince=2099-01-01T00:00:00Z");
        Assert.Equal(0, future.GetProperty("totalCount").GetInt32());
        var past = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments?q={marker.ToUpperInvariant()}&updatedSince=2020-01-01T00:00:00Z&actionLine=C4&stakeholder=itu&stakeholderGroup=internationalOrganizations&status=notStarted&overdue=false&resolution=a-res-80-173&paragraph=99");
        Assert.Equal(id, Assert.Single(past.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt32());

        using var client = app.CreateClient();
        foreach (var query in new[] { "cursor=not-a-cursor", "sort=title", "limit=0", "limit=201" })
        {
            using var response = await client.GetAsync($"/api/v1/commitments?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            await AssertProblemAsync(response, "validation");
        }
    }

    [Fact]
    public async Task AcceptCsv_ReturnsTheSameRows_WithFormulaCellsNeutralised()
    {
        using var writer = await app.CreateWriterAsync();
        var marker = $"csv{Guid.NewGuid():N}"[..20];
        var (plain, _) = await app.SeedCommitmentAsync(writer, marker);
        var (formula, etag) = await app.SeedCommitmentAsync(writer, marker);
        using var edit = await PatchAsync(writer, formula, etag, JsonSerializer.Serialize(new { title = $"=HYPERLINK(\"http://evil\") {marker}" }));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/commitments?q={marker}");
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await client.SendAsync(request);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,code,title,status,", lines[0], StringComparison.Ordinal);
        Assert.Equal([plain, formula], lines.Skip(1).Select(l => int.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\")", lines[2], StringComparison.Ordinal);
    }
}
