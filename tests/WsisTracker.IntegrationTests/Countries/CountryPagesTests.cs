using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Stakeholders;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Countries;

/// <summary>The countries pages, and the region and grouping filters on the list page and the API.</summary>
[Collection(AppCollection.Name)]
public sealed partial class CountryPagesTests(WsisTrackerFactory app)
{
    private async Task<int> PageCountAsync(string query)
    {
        var page = await app.GetPageAsync("/commitments?" + query);
        return int.Parse(MatchCount().Match(page.QuerySelector("p.result-count")!.TextContent).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<int> ApiCountAsync(string query) =>
        (await app.GetJsonAsync<JsonElement>("/api/v1/commitments?" + query)).GetProperty("totalCount").GetInt32();

    [GeneratedRegex(@"^\s*(\d+) commitments? match")]
    private static partial Regex MatchCount();

    [Fact]
    public async Task RegionAndGroupingFilters_GiveTheSameCountsOnPageAndApi()
    {
        var stamp = Guid.NewGuid().ToString("N")[..10];
        var bhutan = await Governments.CreateAsync(app, "BTN");
        var tuvalu = await Governments.CreateAsync(app, "TUV");
        var france = await Governments.CreateAsync(app, "FRA");
        await app.CreateCommitmentAsync($"Region {stamp} one", "Bhutan's.", new ParagraphKey("a-res-70-125", 40), "C2", bhutan.Slug);
        await app.CreateCommitmentAsync($"Region {stamp} two", "Bhutan's again.", new ParagraphKey("a-res-70-125", 41), "C2", bhutan.Slug);
        await app.CreateCommitmentAsync($"Region {stamp} three", "Tuvalu's.", new ParagraphKey("a-res-70-125", 42), "C2", tuvalu.Slug);
        await app.CreateCommitmentAsync($"Region {stamp} four", "France's.", new ParagraphKey("a-res-70-125", 43), "C2", france.Slug);

        // Bhutan is in Southern Asia (034) and landlocked; Tuvalu in Polynesia (061, Oceania 009), an LDC and a SIDS; France in Europe (150).
        (string Query, int Expected)[] cases =
        [
            ($"q={stamp}", 4), ($"q={stamp}&region=142", 2), ($"q={stamp}&region=034", 2), ($"q={stamp}&region=009", 1),
            ($"q={stamp}&region=150", 1), ($"q={stamp}&grouping=lldc", 2), ($"q={stamp}&grouping=sids", 1), ($"q={stamp}&grouping=ldc", 1),
            ($"q={stamp}&region=142&grouping=sids", 0),
        ];
        foreach (var (query, expected) in cases)
        {
            Assert.Equal((query, expected), (query, await PageCountAsync(query)));
            Assert.Equal((query, expected), (query, await ApiCountAsync(query)));
        }
    }

    [Theory]
    [InlineData("region=africa")]
    [InlineData("grouping=g77")]
    public async Task BadRegionOrGrouping_IsRefusedOnPageAndApi(string query)
    {
        await app.GetPageAsync("/commitments?" + query, HttpStatusCode.BadRequest);
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/v1/commitments?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task CountriesPage_SaysItsDateAndMarksGroupingsOnIt()
    {
        var before = await app.GetPageAsync("/countries?asOf=2024-12-12");
        var after = await app.GetPageAsync("/countries?asOf=2024-12-13");

        string Marks(AngleSharp.Html.Dom.IHtmlDocument page) =>
            string.Join(" ", page.QuerySelectorAll("a[href='/countries/STP']").Single().ParentElement!.QuerySelectorAll(".tag").Select(t => t.TextContent));
        Assert.Equal("LDC SIDS", Marks(before));
        Assert.Equal("SIDS", Marks(after));
        Assert.Contains("12 December 2024", before.QuerySelector("h1 + p")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("45", before.QuerySelector("table caption")!.ParentElement!.QuerySelector("tbody tr td")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("44", after.QuerySelector("tbody tr td")!.TextContent);
        Assert.Equal(["Africa", "Americas", "Asia", "Europe", "Oceania", "No region"], after.QuerySelectorAll("main h2").Select(h => h.TextContent));
    }

    [Fact]
    public async Task CountryPage_ShowsMembershipsWithDatesAndItsGovernmentsCommitments()
    {
        var stamp = Guid.NewGuid().ToString("N")[..10];
        var government = await Governments.CreateAsync(app, "BTN");
        var id = await app.CreateCommitmentAsync($"Bhutan page {stamp}", "Shown on Bhutan's page.", new ParagraphKey("a-res-70-125", 44), "C2", government.Slug);

        var page = await app.GetPageAsync("/countries/btn?asOf=2023-12-12");

        Assert.Equal("Bhutan", page.QuerySelector("h1")!.TextContent);
        var ldc = page.QuerySelectorAll("section[aria-labelledby=memberships] tbody tr").Single(r => r.TextContent.Contains("(LDC)", StringComparison.Ordinal));
        Assert.Contains("left on 13 December 2023", ldc.TextContent, StringComparison.Ordinal);
        Assert.Contains("Least developed countries (LDC)", page.QuerySelector("dl")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("section[aria-labelledby=commitments] a"), a => a.GetAttribute("href") == $"/commitments/{id}");
        var indicator = page.QuerySelector("section[aria-labelledby=indicators] tbody tr")!;
        Assert.Contains("IT.NET.USER.ZS", indicator.TextContent, StringComparison.Ordinal);
        Assert.Contains("International Telecommunication Union", indicator.TextContent, StringComparison.Ordinal);
        var today = await app.GetPageAsync("/countries/BTN");
        Assert.DoesNotContain("Least developed countries (LDC)", today.QuerySelector("dl")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StakeholderCountry_MustBeACountryOfTheList()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("integration-tests", ActorKind.System);
        var refused = await scope.ServiceProvider.GetRequiredService<StakeholderWrites>()
            .CreateAsync(new StakeholderInput($"Government {Guid.NewGuid():N}", null, StakeholderGroup.Governments, "XYZ", null), CancellationToken.None);

        Assert.False(refused.Succeeded);
        Assert.Contains("countryCode", refused.Error!.FieldErrors!.Keys);
    }
}
