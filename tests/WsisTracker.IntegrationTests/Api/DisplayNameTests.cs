using System.Net;
using System.Text.Json;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Api;

/// <summary>
/// The API is language-neutral but for its display names (action-line titles): they follow Accept-Language among the
/// six UN languages, Content-Language says which, and nothing else in the response changes (decision 128).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DisplayNameTests(WsisTrackerFactory app)
{
    [Theory]
    [InlineData(null, "en", "E-government")]
    [InlineData("fr", "fr", "Cybergouvernement")]
    [InlineData("es-419, en;q=0.5", "es", "Gobierno electrónico")]
    [InlineData("de-CH, de;q=0.9, ar;q=0.8", "ar", "الحكومة الإلكترونية")]
    [InlineData("zh-Hans-CN", "zh", "电子政务")]
    [InlineData("ru;q=0.2, fr;q=0", "ru", "Электронное правительство")]
    [InlineData("de, *;q=0.5", "en", "E-government")]
    public async Task ActionLines_TitlesFollowAcceptLanguage_AndSayWhichLanguage(string? acceptLanguage, string language, string eGovernment)
    {
        var (english, _) = await GetAsync("/api/v1/action-lines", null);
        var (lines, response) = await GetAsync("/api/v1/action-lines", acceptLanguage);

        Assert.Equal([language], response.Content.Headers.ContentLanguage);
        Assert.Contains("Accept-Language", response.Headers.Vary);
        var c71 = lines[6].GetProperty("subLines").EnumerateArray().Single(l => l.GetProperty("code").GetString() == "C7.1");
        Assert.Equal(eGovernment, c71.GetProperty("title").GetString());
        // Only the titles move: codes, order, parents, facilitators and SDGs are the English response's.
        Assert.Equal(Strip(english), Strip(lines));
        if (language != "en")
        {
            Assert.All(lines.EnumerateArray().Zip(english.EnumerateArray()), pair =>
                Assert.NotEqual(pair.Second.GetProperty("title").GetString(), pair.First.GetProperty("title").GetString()));
        }
    }

    [Fact]
    public async Task ActionLine_ByCode_AndTheDashboard_TranslateTheirTitles()
    {
        var (health, healthResponse) = await GetAsync("/api/v1/action-lines/C7.4", "ru-RU");
        Assert.Equal(["ru"], healthResponse.Content.Headers.ContentLanguage);
        Assert.Equal("C7.4", health.GetProperty("code").GetString());
        Assert.NotEqual("E-health", health.GetProperty("title").GetString());
        Assert.Matches(@"\p{IsCyrillic}", health.GetProperty("title").GetString()!);

        var (english, _) = await GetAsync("/api/v1/dashboard", null);
        var (chinese, dashboardResponse) = await GetAsync("/api/v1/dashboard", "zh");
        Assert.Equal(["zh"], dashboardResponse.Content.Headers.ContentLanguage);
        var pairs = chinese.GetProperty("actionLines").EnumerateArray().Zip(english.GetProperty("actionLines").EnumerateArray()).ToList();
        Assert.NotEmpty(pairs);
        Assert.All(pairs, pair =>
        {
            Assert.Equal(pair.Second.GetProperty("code").GetString(), pair.First.GetProperty("code").GetString());
            Assert.Equal(pair.Second.GetProperty("total").GetInt32(), pair.First.GetProperty("total").GetInt32());
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", pair.First.GetProperty("title").GetString()!);
        });
        Assert.Equal(english.GetProperty("totals").GetRawText(), chinese.GetProperty("totals").GetRawText());
    }

    [Fact]
    public async Task UnknownActionLine_InFrench_IsStillTheProblem404()
    {
        var (problem, response) = await GetAsync("/api/v1/action-lines/C12", "fr", HttpStatusCode.NotFound);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task OpenApi_DocumentsAcceptLanguageAndContentLanguage_WhereNamesAreTranslated()
    {
        using var client = app.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));
        var paths = document.RootElement.GetProperty("paths");

        foreach (var path in new[] { "/api/v1/action-lines", "/api/v1/action-lines/{code}", "/api/v1/dashboard" })
        {
            var get = paths.GetProperty(path).GetProperty("get");
            Assert.Contains(get.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Accept-Language" && p.GetProperty("in").GetString() == "header");
            Assert.True(get.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("Content-Language", out _), path);
        }

        var list = paths.GetProperty("/api/v1/commitments").GetProperty("get");
        Assert.DoesNotContain(list.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Accept-Language");
    }

    private async Task<(JsonElement Body, HttpResponseMessage Response)> GetAsync(string url, string? acceptLanguage, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var response = await client.SendAsync(request);
        Assert.Equal(status, response.StatusCode);
        return (JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()), response);
    }

    /// <summary>The response with every title taken out.</summary>
    private static string Strip(JsonElement element) =>
        System.Text.RegularExpressions.Regex.Replace(element.GetRawText(), "\"title\":\"(?:[^\"\\\\]|\\\\.)*\"", "\"title\":\"\"");
}
