using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;
using WsisTracker.IntegrationTests.Languages;

namespace WsisTracker.IntegrationTests.Countries;

/// <summary>
/// The administrator's import of an indicator series (<c>/admin/indicators/import</c>): a World Bank CSV file is
/// previewed (series, countries, years, values) or its problems are named by line, and on confirmation stored all
/// or nothing.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class IndicatorImportPageTests(WsisTrackerFactory app)
{
    private static string NewCode() => $"TEST.PAGE.{Guid.NewGuid():N}"[..24].ToUpperInvariant();

    private static string Token(IHtmlDocument page) =>
        page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

    /// <summary>Uploads as the form does: with the attribution it holds (the World Bank's), or <paramref name="attribution"/> typed over it.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(PageClient admin, string url, string csv, string? attribution = null)
    {
        var form = await admin.GetPageAsync(url);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Token(form)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "API_TEST.csv" },
            { new StringContent(attribution ?? ((IHtmlTextAreaElement)form.QuerySelector("textarea#attribution")!).Value), "attribution" },
        };
        var prefix = url[..url.IndexOf("/admin/", StringComparison.Ordinal)];
        return await admin.Http.PostAsync(prefix + "/admin/indicators/import/preview", content);
    }

    private async Task<HttpStatusCode> ValuesStatusAsync(string code)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync($"/api/v1/indicators/{code}/values");
        return response.StatusCode;
    }

    private static string Small(string code) =>
        "\"Data Source\",\"World Development Indicators\",\n\n"
        + "\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",\"2020\",\"2021\",\n"
        + $"\"Kenya\",\"KEN\",\"Fixed broadband subscriptions (per 100 people)\",\"{code}\",\"1.2\",\"1.5\",\n"
        + $"\"France\",\"FRA\",\"Fixed broadband subscriptions (per 100 people)\",\"{code}\",\"47.1\",\"\",\n"
        + $"\"World\",\"WLD\",\"Fixed broadband subscriptions (per 100 people)\",\"{code}\",\"17.3\",\"18.0\",\n";

    [Fact]
    public async Task ASmallFile_PreviewedThenConfirmed_ShowsItsValuesInTheApi()
    {
        var code = NewCode();
        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);

        using var previewed = await UploadAsync(admin, "/admin/indicators/import", Small(code));

        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        var preview = await PageClient.ParseAsync(previewed);
        Assert.Null(preview.QuerySelector("#problems"));
        Assert.Equal(code, preview.QuerySelector("#series-code")!.TextContent);
        Assert.Contains("Fixed broadband subscriptions (per 100 people)", preview.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2", preview.QuerySelector("#countries")!.TextContent);
        Assert.Equal("2020–2021", preview.QuerySelector("#years")!.TextContent);
        Assert.Equal("3", preview.QuerySelector("#values")!.TextContent);
        Assert.Contains("WLD", preview.QuerySelector("#summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await ValuesStatusAsync(code));

        using var confirmed = await admin.SubmitAsync(preview, "/admin/indicators/import");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("/admin/indicators/import", confirmed.Headers.Location!.OriginalString);
        var values = await app.GetJsonAsync<JsonElement>($"/api/v1/indicators/{code}/values");
        Assert.Equal(
            [("FRA", 2020, 47.1), ("KEN", 2020, 1.2), ("KEN", 2021, 1.5)],
            values.GetProperty("values").EnumerateArray().Select(v => (v.GetProperty("country").GetString(), v.GetProperty("year").GetInt32(), v.GetProperty("value").GetDouble())));
        Assert.Equal("Fixed broadband subscriptions (per 100 people)", values.GetProperty("name").GetString());
        var notice = (await admin.GetPageAsync("/admin/indicators/import")).QuerySelector(".notice")!.TextContent;
        Assert.Contains($"Imported {code}: 3 values.", notice, StringComparison.Ordinal);
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == "Indicator" && e.Action == "Added" && e.EntityKey.Contains(code)).Select(e => e.Actor).ToListAsync());
        Assert.Equal([admin.Login!.Email], audited);
    }

    [Fact]
    public async Task TheAttributionGiven_IsStored_AndShownInTheApiAndBesideTheChartOfALinkedCommitment()
    {
        var code = NewCode();
        var attribution = $"Test Statistics Office, survey of {code}. CC BY 4.0.";
        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);
        Assert.Equal(WsisTracker.Core.Indicators.IndicatorService.WorldBankAttribution,
            ((IHtmlTextAreaElement)(await admin.GetPageAsync("/admin/indicators/import")).QuerySelector("textarea#attribution")!).Value);

        using var previewed = await UploadAsync(admin, "/admin/indicators/import", Small(code), attribution);
        var preview = await PageClient.ParseAsync(previewed);
        Assert.Equal(attribution, preview.QuerySelector("#attribution-stored")!.TextContent);
        using var confirmed = await admin.SubmitAsync(preview, "/admin/indicators/import");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(attribution, await app.WithDbAsync(db => db.Indicators.Where(i => i.Code == code).Select(i => i.Attribution).SingleAsync()));
        var listed = (await app.GetJsonAsync<JsonElement>("/api/v1/indicators")).EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);
        Assert.Equal(attribution, listed.GetProperty("attribution").GetString());
        Assert.Equal(attribution, (await app.GetJsonAsync<JsonElement>($"/api/v1/indicators/{code}/values")).GetProperty("attribution").GetString());

        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "attributed");
        using var linked = await WsisTracker.IntegrationTests.Api.CommitmentWritesApiTests.PatchAsync(writer, id, etag, $$"""{ "indicator": { "code": "{{code}}", "target": 60, "targetYear": 2030 } }""");
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var section = (await app.GetPageAsync($"/commitments/{id}")).QuerySelector("section[aria-labelledby=indicator]")!;
        Assert.Contains(attribution, section.TextContent, StringComparison.Ordinal);

        // The shipped series keeps the attribution it was imported with.
        Assert.Equal(WsisTracker.Core.Indicators.IndicatorService.WorldBankAttribution, await app.WithDbAsync(db => db.Indicators.Where(i => i.Code == "IT.NET.USER.ZS").Select(i => i.Attribution).SingleAsync()));
    }

    [Fact]
    public async Task AnEmptyAttribution_IsAFormErrorBesideIt_InFrench_AndStoresNothing()
    {
        var code = NewCode();
        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);

        using var refused = await UploadAsync(admin, "/fr/admin/indicators/import", Small(code), "  ");

        var page = await PageClient.ParseAsync(refused);
        Assert.Equal("Indiquez la mention de la source : qui publie la série, et sous quelle licence.", page.QuerySelector("#attribution")!.ParentElement!.QuerySelector(".field-error")!.TextContent.Trim());

        // A confirmation sent without one (the preview's form edited) is refused the same way.
        using var forced = await admin.Http.PostAsync("/admin/indicators/import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page),
            ["csv"] = Small(code),
            ["attribution"] = "",
        }));
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Equal("Give the attribution: who publishes the series, and under which licence.", (await PageClient.ParseAsync(forced)).QuerySelector("#attribution")!.ParentElement!.QuerySelector(".field-error")!.TextContent.Trim());
        Assert.False(await app.WithDbAsync(db => db.Indicators.AnyAsync(i => i.Code == code)));
    }

    [Fact]
    public async Task AMalformedFile_ShowsItsLineNumber_AndStoresNothing_EvenWhenConfirmedAnyway()
    {
        var code = NewCode();
        var lines = Small(code).Split('\n');
        lines[4] = lines[4].Replace("\"47.1\"", "\"lots\"", StringComparison.Ordinal);
        var malformed = string.Join('\n', lines);
        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);

        using var previewed = await UploadAsync(admin, "/admin/indicators/import", malformed);

        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        var preview = await PageClient.ParseAsync(previewed);
        var problem = Assert.Single(preview.QuerySelectorAll("#problems li"));
        Assert.Equal("Line 5: FRA, 2020: 'lots' is not a number.", problem.TextContent);
        Assert.Null(preview.QuerySelector("form[action='/admin/indicators/import']"));

        // The confirmation reads what it is sent again; it does not trust the preview.
        using var forced = await admin.Http.PostAsync("/admin/indicators/import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(preview),
            ["csv"] = malformed,
        }));

        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Contains("Line 5:", (await PageClient.ParseAsync(forced)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await ValuesStatusAsync(code));
        Assert.False(await app.WithDbAsync(db => db.Indicators.AnyAsync(i => i.Code == code)));
    }

    [Fact]
    public async Task AFileWithCrlfLineEndsAndALeadingBlankLine_IsStoredAsPreviewed()
    {
        var code = NewCode();
        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);

        using var previewed = await UploadAsync(admin, "/admin/indicators/import", "\r\n" + Small(code).ReplaceLineEndings("\r\n"));
        var preview = await PageClient.ParseAsync(previewed);
        Assert.Equal("3", preview.QuerySelector("#values")!.TextContent);
        Assert.StartsWith("\n\"Data Source\"", preview.QuerySelector("textarea[name=csv]")!.TextContent, StringComparison.Ordinal);

        using var confirmed = await admin.SubmitAsync(preview, "/admin/indicators/import");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(3, (await app.GetJsonAsync<JsonElement>($"/api/v1/indicators/{code}/values")).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task NoFile_IsAFormError()
    {
        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);
        var page = await admin.GetPageAsync("/admin/indicators/import");
        using var content = new MultipartFormDataContent { { new StringContent(Token(page)), "__RequestVerificationToken" } };

        using var response = await admin.Http.PostAsync("/admin/indicators/import/preview", content);

        var shown = await PageClient.ParseAsync(response);
        Assert.Equal("Choose the CSV file to import.", shown.QuerySelector("#file")!.ParentElement!.QuerySelector(".field-error")!.TextContent.Trim());
    }

    [Fact]
    public async Task ThePages_InThePseudoLocale_ShowOnlyResourceText()
    {
        var code = NewCode();
        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);
        var start = await admin.GetPageAsync("/qps/admin/indicators/import");
        Assert.Empty(PseudoLocale.Untranslated(start.Body!));

        using var previewed = await UploadAsync(admin, "/qps/admin/indicators/import", Small(code));
        var preview = await PageClient.ParseAsync(previewed);
        Assert.NotNull(preview.QuerySelector("#summary"));
        Assert.Empty(PseudoLocale.Untranslated(preview.Body!));

        using var refused = await UploadAsync(admin, "/qps/admin/indicators/import", Small(code).Replace("\"1.5\"", "\"many\"", StringComparison.Ordinal));
        var problems = await PageClient.ParseAsync(refused);
        Assert.NotNull(problems.QuerySelector("#problems li"));
        Assert.Empty(PseudoLocale.Untranslated(problems.Body!));
        Assert.Equal(HttpStatusCode.NotFound, await ValuesStatusAsync(code));
    }
}
