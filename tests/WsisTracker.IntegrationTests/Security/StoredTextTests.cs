using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Npgsql;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Security;

/// <summary>
/// The text rule lives in the domain, so every entry point meets it (decision 043), and what is stored already
/// cannot break a public surface: the Atom feeds write any stored text, the search cuts a query between characters.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StoredTextTests(WsisTrackerFactory app)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task ProgressNote_WithUFFFF_IsRefused_AndTheFeedsStay200()
    {
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "uffff note");

        using var recorded = await WsisTrackerFactory.RecordProgressAsync(writer, id, Version(etag), new { status = "onTrack", progressPercent = 10, asOf = Today(), note = "half\uFFFFway" });

        Assert.Equal(HttpStatusCode.BadRequest, recorded.StatusCode);
        Assert.True((await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("note", out _));
        using var client = app.CreateClient();
        using var feed = await client.GetAsync($"/commitments/{id}/feed");
        using var all = await client.GetAsync("/feed");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
    }

    [Fact]
    public async Task Patch_WithAControlCharacterInTheTitle_Answers400_AndStoresNothing()
    {
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "patch control");
        var before = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}");

        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/commitments/{id}")
        {
            Content = new StringContent("{\"title\":\"x\\u0001y\"}", Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        using var response = await writer.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("title", out _));
        var after = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}");
        Assert.Equal(before.GetProperty("title").GetString(), after.GetProperty("title").GetString());
        Assert.Equal(before.GetProperty("version").GetUInt32(), after.GetProperty("version").GetUInt32());
    }

    [Fact]
    public async Task Patch_WithALoneSurrogateInTheTitle_Answers400()
    {
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "patch surrogate");

        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/commitments/{id}")
        {
            Content = new StringContent("{\"title\":\"x\\ud800y\"}", Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        using var response = await writer.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"answered {(int)response.StatusCode}: " + string.Join("\n", app.Logs.Lines.TakeLast(3)));
    }

    [Fact]
    public async Task Feeds_WithCharactersXmlForbids_StoredStraightBySql_Answer200WithWellFormedXml()
    {
        var commitment = await app.CreateCommitmentAsync();
        var marker = Guid.NewGuid().ToString("N");
        await using (var db = new NpgsqlConnection(app.ConnectionString))
        {
            await db.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                UPDATE commitments SET title = title || @bad WHERE id = @id;
                INSERT INTO progress_updates (commitment_id, status, progress_percent, note, evidence_links, as_of, author, recorded_at)
                VALUES (@id, 'OnTrack', 20, @note, ARRAY[]::text[], current_date, 'written by SQL', now());
                """,
                db);
            command.Parameters.AddWithValue("id", commitment.Id);
            command.Parameters.AddWithValue("bad", " \uFFFF\u0001");
            command.Parameters.AddWithValue("note", $"{marker} a\uFFFFb\uFFFEc\u0001d\u001Fe");
            await command.ExecuteNonQueryAsync();
        }

        using var client = app.CreateClient();
        foreach (var url in new[] { $"/commitments/{commitment.Id}/feed", "/feed", "/action-lines/C1/feed" })
        {
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
            var feed = XDocument.Parse(body);
            var summary = feed.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "summary")!.Value).Single(s => s.Contains(marker, StringComparison.Ordinal));
            Assert.Contains($"{marker} a\uFFFDb\uFFFDc\uFFFDd\uFFFDe", summary, StringComparison.Ordinal);
        }

        foreach (var url in new[] { $"/commitments/{commitment.Id}", $"/api/v1/commitments/{commitment.Id}", $"/api/v1/progress-updates?since={DateTime.UtcNow.AddMinutes(-5):yyyy-MM-ddTHH:mm:ssZ}&limit=200" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Search_WithEmojiAtTheCut_Answers200()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/search?q=" + new string('w', 199) + Uri.EscapeDataString("\U0001F600"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var field = (await PageClient.ParseAsync(response)).QuerySelector("input[name='q']")!.GetAttribute("value");
        Assert.Equal(new string('w', 199), field);
    }

    private static uint Version(string etag) => uint.Parse(etag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);

    private static string Today() => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
