using System.Net;
using System.Text.Json;
using WsisTracker.Core.Commitments;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Countries;

/// <summary>The dashboard's region and grouping filters: the same commitments as the list's, on the page and the API.</summary>
[Collection(AppCollection.Name)]
public sealed class DashboardFilterTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task RegionAndGrouping_CountTheListsCommitments_OnPageAndApi()
    {
        var stamp = Guid.NewGuid().ToString("N")[..10];
        var bhutan = await Governments.CreateAsync(app, "BTN");
        var tuvalu = await Governments.CreateAsync(app, "TUV");
        await app.CreateCommitmentAsync($"Dashboard {stamp} one", "Bhutan's.", new ParagraphKey("a-res-70-125", 40), "C2", bhutan.Slug);
        await app.CreateCommitmentAsync($"Dashboard {stamp} two", "Tuvalu's.", new ParagraphKey("a-res-70-125", 42), "C3", tuvalu.Slug);

        foreach (var query in new[] { "region=034", "region=142", "region=009", "grouping=lldc", "grouping=sids", "region=009&grouping=ldc", "region=142&grouping=sids", "resolution=a-res-70-125&region=034" })
        {
            var dashboard = await app.GetJsonAsync<JsonElement>("/api/v1/dashboard?" + query);
            var list = await app.GetJsonAsync<JsonElement>("/api/v1/commitments?limit=1&" + query);
            var total = dashboard.GetProperty("totals").GetProperty("total").GetInt32();
            Assert.Equal((query, list.GetProperty("totalCount").GetInt32()), (query, total));
            Assert.Equal(query.Contains("grouping", StringComparison.Ordinal) ? app.Clock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
                dashboard.GetProperty("groupingsAsOf").GetString());

            var page = await app.GetPageAsync("/?" + query);
            Assert.Equal((query, total.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en"))), (query, page.QuerySelector("ul.totals li strong")!.TextContent));
            Assert.NotNull(page.QuerySelector("p.scope-note"));
            // The charts' links open the list under the same filters.
            var scope = "&" + query.Split('&').First(p => !p.StartsWith("resolution", StringComparison.Ordinal));
            Assert.All(page.QuerySelectorAll("#by-status a, a[href*='reportingStatus=overdue']"), a => Assert.Contains(scope, a.GetAttribute("href")!, StringComparison.Ordinal));
        }

        Assert.True((await TotalAsync("region=034")) >= 1);
        Assert.True((await TotalAsync("grouping=sids")) >= 1);
        Assert.Equal(0, await TotalAsync("region=142&grouping=sids&resolution=a-res-70-125") - await ListTotalAsync("region=142&grouping=sids&resolution=a-res-70-125"));
    }

    [Theory]
    [InlineData("region=africa", "Region")]
    [InlineData("region=1234", "Region")]
    [InlineData("grouping=g77", "Grouping")]
    public async Task FilterOutOfBounds_IsAProblemInTheApi_AndSaidAndLeftOutOnThePage(string query, string field)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/v1/dashboard?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal(field, Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name, ignoreCase: true);

        var page = await app.GetPageAsync("/?" + query);
        var error = page.QuerySelector($"#e-{field.ToLowerInvariant()}");
        Assert.NotNull(error);
        Assert.Contains("left out", error.TextContent, StringComparison.Ordinal);
        Assert.Equal(page.QuerySelector($"select#{field.ToLowerInvariant()}")!.GetAttribute("aria-describedby"), error.Id);
        Assert.Null(page.QuerySelector("p.scope-note"));
        var everything = await app.GetJsonAsync<JsonElement>("/api/v1/dashboard");
        Assert.Equal(everything.GetProperty("totals").GetProperty("total").GetInt32().ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en")), page.QuerySelector("ul.totals li strong")!.TextContent);
    }

    [Fact]
    public async Task UnknownArea_IsCountedButNotKept_AndFindsNothing()
    {
        // 999 has the shape of an M49 code but names no area: computed each time, never cached, and empty.
        Assert.Equal(0, await TotalAsync("region=999"));
        Assert.Equal(0, await ListTotalAsync("region=999"));
    }

    private async Task<int> TotalAsync(string query) =>
        (await app.GetJsonAsync<JsonElement>("/api/v1/dashboard?" + query)).GetProperty("totals").GetProperty("total").GetInt32();

    private async Task<int> ListTotalAsync(string query) =>
        (await app.GetJsonAsync<JsonElement>("/api/v1/commitments?limit=1&" + query)).GetProperty("totalCount").GetInt32();
}
