using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Countries;

/// <summary>The shipped M49 data, the dated groupings and their maintenance through the API.</summary>
[Collection(AppCollection.Name)]
public sealed class CountriesApiTests(WsisTrackerFactory app)
{
    private static List<string> Codes(JsonElement list) =>
        [.. list.GetProperty("countries").EnumerateArray().Select(c => c.GetProperty("iso3").GetString()!)];

    [Fact]
    public async Task Countries_AreTheM49ExportsWithNamesInSixLanguages()
    {
        var all = await app.GetJsonAsync<JsonElement>("/api/v1/countries?asOf=2024-06-01");
        var afghanistan = await app.GetJsonAsync<JsonElement>("/api/v1/countries/afg");

        Assert.Equal(248, all.GetProperty("count").GetInt32());
        Assert.Equal("2024-06-01", all.GetProperty("asOf").GetString());
        Assert.Equal("AFG", afghanistan.GetProperty("iso3").GetString());
        Assert.Equal("004", afghanistan.GetProperty("m49").GetString());
        var names = afghanistan.GetProperty("names");
        Assert.Equal("Afghanistan", names.GetProperty("en").GetString());
        Assert.Equal("阿富汗", names.GetProperty("zh").GetString());
        Assert.Equal("Афганистан", names.GetProperty("ru").GetString());
        Assert.Equal(["142", "034"], afghanistan.GetProperty("areas").EnumerateArray().Select(a => a.GetProperty("code").GetString()));
        Assert.Contains("ldc", afghanistan.GetProperty("groupings").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task Groupings_BeforeAndAfterAGraduation()
    {
        var beforeBhutan = Codes(await app.GetJsonAsync<JsonElement>("/api/v1/countries?grouping=ldc&asOf=2023-12-12"));
        var afterBhutan = Codes(await app.GetJsonAsync<JsonElement>("/api/v1/countries?grouping=ldc&asOf=2023-12-13"));
        var beforeSaoTome = Codes(await app.GetJsonAsync<JsonElement>("/api/v1/countries?grouping=ldc&asOf=2024-12-12"));
        var afterSaoTome = await app.GetJsonAsync<JsonElement>("/api/v1/countries?grouping=ldc&asOf=2024-12-13");

        Assert.Contains("BTN", beforeBhutan);
        Assert.DoesNotContain("BTN", afterBhutan);
        Assert.Equal(46, beforeBhutan.Count);
        Assert.Equal(45, afterBhutan.Count);
        Assert.Contains("STP", beforeSaoTome);
        Assert.DoesNotContain("STP", Codes(afterSaoTome));
        Assert.Equal(44, afterSaoTome.GetProperty("count").GetInt32());
        Assert.Equal("ldc", afterSaoTome.GetProperty("grouping").GetString());
        Assert.Equal(32, (await app.GetJsonAsync<JsonElement>("/api/v1/countries?grouping=lldc&asOf=2024-12-13")).GetProperty("count").GetInt32());
        Assert.Equal(53, (await app.GetJsonAsync<JsonElement>("/api/v1/countries?grouping=sids&asOf=2024-12-13")).GetProperty("count").GetInt32());

        var bhutan = await app.GetJsonAsync<JsonElement>("/api/v1/countries/BTN?asOf=2023-12-12");
        var ldc = bhutan.GetProperty("memberships").EnumerateArray().Single(m => m.GetProperty("grouping").GetString() == "ldc");
        Assert.Equal("2023-12-13", ldc.GetProperty("to").GetString());
        Assert.Contains("ldc", bhutan.GetProperty("groupings").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task Membership_AddedEndedAndDeletedBySecretariatKey()
    {
        using var writer = await app.CreateWriterAsync();
        using var added = await writer.PostAsJsonAsync("/api/v1/countries/ABW/groupings", new { grouping = "ldc", from = "1901-01-01", source = "A test." });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Contains("ABW", Codes(await app.GetJsonAsync<JsonElement>("/api/v1/countries?grouping=ldc&asOf=1950-01-01")));

        using var overlapping = await writer.PostAsJsonAsync("/api/v1/countries/ABW/groupings", new { grouping = "ldc", from = "1905-01-01", to = "1906-01-01" });
        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Equal("urn:wsis-tracker:problem:membership-overlaps", (await overlapping.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());

        using var backwards = await writer.PostAsJsonAsync($"/api/v1/countries/ABW/groupings/{id}/end", new { to = "1900-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        using var ended = await writer.PostAsJsonAsync($"/api/v1/countries/ABW/groupings/{id}/end", new { to = "1902-01-01" });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.DoesNotContain("ABW", Codes(await app.GetJsonAsync<JsonElement>("/api/v1/countries?grouping=ldc&asOf=1950-01-01")));
        Assert.Contains("ABW", Codes(await app.GetJsonAsync<JsonElement>("/api/v1/countries?grouping=ldc&asOf=1901-06-01")));

        using var deleted = await writer.DeleteAsync($"/api/v1/countries/ABW/groupings/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain("ABW", Codes(await app.GetJsonAsync<JsonElement>("/api/v1/countries?grouping=ldc&asOf=1901-06-01")));
    }

    [Theory]
    [InlineData("/api/v1/countries?grouping=g20", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/countries?asOf=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/countries/XYZ", HttpStatusCode.NotFound)]
    public async Task BadQueriesAndUnknownCountries_AreProblems(string url, HttpStatusCode expected)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
