using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Data.Seeding;
using WsisTracker.Core.Indicators;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Countries;

/// <summary>The World Bank CSV import, the values API and the aggregation rule.</summary>
[Collection(AppCollection.Name)]
public sealed class IndicatorTests(WsisTrackerFactory app)
{
    private async Task<IndicatorImport> ImportAsync(string text, bool store)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("integration-tests", ActorKind.System);
        return await scope.ServiceProvider.GetRequiredService<IndicatorService>().ImportAsync(new StringReader(text), "Test fixture.", store, CancellationToken.None);
    }

    [Fact]
    public async Task TheShippedSeries_IsImportedWithItsAttribution()
    {
        var list = await app.GetJsonAsync<JsonElement>("/api/v1/indicators");
        var kenya = await app.GetJsonAsync<JsonElement>("/api/v1/indicators/IT.NET.USER.ZS/values?country=KEN&from=2022&to=2022");

        var series = list.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "IT.NET.USER.ZS");
        Assert.Equal("Individuals using the Internet (% of population)", series.GetProperty("name").GetString());
        Assert.Contains("World Bank, World Development Indicators; source: International Telecommunication Union", series.GetProperty("attribution").GetString(), StringComparison.Ordinal);
        Assert.True(series.GetProperty("firstYear").GetInt32() <= 1990);
        Assert.Equal(2023, series.GetProperty("lastYear").GetInt32());
        var point = Assert.Single(kenya.GetProperty("values").EnumerateArray());
        Assert.Equal(2022, point.GetProperty("year").GetInt32());
        Assert.Equal("KEN", point.GetProperty("country").GetString());

        // The shipped file read again gives the stored count: aggregates (WLD, LDC, ...) are counted and left out.
        var preview = await ImportAsync(SeedData.ReadText("API_IT.NET.USER.ZS.csv"), store: false);
        Assert.Empty(preview.Problems);
        Assert.Equal(series.GetProperty("values").GetInt32(), preview.Values);
        Assert.Contains("WLD", preview.NotCountries);
        Assert.Contains("LDC", preview.NotCountries);
    }

    [Fact]
    public async Task AMalformedFile_IsRefusedWithItsLine_AndStoresNothing()
    {
        var lines = SeedData.ReadText("API_IT.NET.USER.ZS.csv").Split('\n');
        var kenyaLine = Array.FindIndex(lines, l => l.Contains(",KEN,", StringComparison.Ordinal));
        var cells = lines[kenyaLine].Split(',');
        cells[^3] = "lots";
        lines[kenyaLine] = string.Join(',', cells);
        var code = $"TEST.{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        var text = string.Join('\n', lines).Replace("IT.NET.USER.ZS", code, StringComparison.Ordinal);

        var refused = await ImportAsync(text, store: true);

        Assert.False(refused.Stored);
        var problem = Assert.Single(refused.Problems);
        Assert.Equal(kenyaLine + 1, problem.Line);
        Assert.Contains("'lots' is not a number", problem.Message, StringComparison.Ordinal);
        using var client = app.CreateClient();
        using var response = await client.GetAsync($"/api/v1/indicators/{code}/values");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ValuesFilter_ByRegionAndGrouping()
    {
        var code = $"TEST.{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        var stored = await ImportAsync(
            $"Country Name,Country Code,Indicator Name,Indicator Code,2020,2021,\nBhutan,BTN,Test,{code},10,20,\nFrance,FRA,Test,{code},50,,\nWorld,WLD,Test,{code},30,20,\n",
            store: true);
        Assert.True(stored.Stored, string.Join("; ", stored.Problems));

        var all = await app.GetJsonAsync<JsonElement>($"/api/v1/indicators/{code}/values");
        var asia = await app.GetJsonAsync<JsonElement>($"/api/v1/indicators/{code}/values?region=142&from=2021");
        var lldc = await app.GetJsonAsync<JsonElement>($"/api/v1/indicators/{code}/values?grouping=lldc");

        Assert.Equal(3, all.GetProperty("count").GetInt32());
        Assert.Equal(["BTN", "BTN", "FRA"], all.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("country").GetString()));
        Assert.Equal((2021, 20.0), asia.GetProperty("values").EnumerateArray().Select(v => (v.GetProperty("year").GetInt32(), v.GetProperty("value").GetDouble())).Single());
        Assert.Equal(2, lldc.GetProperty("count").GetInt32());
        Assert.NotNull(lldc.GetProperty("groupingsAsOf").GetString());
    }

    [Fact]
    public void Aggregate_OnASmallFixture_CheckedByHand()
    {
        string[] members = ["AAA", "BBB", "CCC", "DDD"];
        var values = new Dictionary<(string, int), double>
        {
            [("AAA", 2020)] = 10,
            [("BBB", 2020)] = 20,
            [("DDD", 2020)] = 40,
            [("AAA", 2021)] = 30, // one of four in 2021: less than half, so 2020 is the latest year taken
            [("ZZZ", 2021)] = 99, // not a member
        };
        var weights = new Dictionary<(string, int), double> { [("AAA", 2020)] = 1, [("BBB", 2020)] = 1, [("DDD", 2020)] = 2 };

        var unweighted = Aggregation.Compute("t", "Test", members, values, null);
        var weighted = Aggregation.Compute("t", "Test", members, values, weights);
        var partlyWeighted = Aggregation.Compute("t", "Test", members, values, new Dictionary<(string, int), double> { [("AAA", 2020)] = 1 });

        Assert.Equal((2020, 23.33, 3, 1), (unweighted.Year!.Value, unweighted.Value!.Value, unweighted.CountriesWithValue, unweighted.CountriesWithoutValue)); // (10 + 20 + 40) / 3
        Assert.StartsWith("unweighted", unweighted.Weighting, StringComparison.Ordinal);
        Assert.Equal(27.5, weighted.Value); // (10×1 + 20×1 + 40×2) / 4
        Assert.StartsWith("weighted by population", weighted.Weighting, StringComparison.Ordinal);
        Assert.Equal(23.33, partlyWeighted.Value);
        Assert.Contains("lacks some", partlyWeighted.Weighting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aggregates_SayTheirYearWeightingAndMissingCountries()
    {
        var aggregates = await app.GetJsonAsync<JsonElement>("/api/v1/indicators/IT.NET.USER.ZS/aggregates");

        var scopes = aggregates.GetProperty("aggregates").EnumerateArray().ToList();
        Assert.Equal(["world", "region:002", "region:009", "region:019", "region:142", "region:150", "grouping:ldc", "grouping:lldc", "grouping:sids"], scopes.Select(a => a.GetProperty("scope").GetString()));
        var world = scopes[0];
        Assert.Equal(248, world.GetProperty("countries").GetInt32());
        Assert.Equal(248, world.GetProperty("countriesWithValue").GetInt32() + world.GetProperty("countriesWithoutValue").GetInt32());
        Assert.True(world.GetProperty("countriesWithoutValue").GetInt32() > 0);
        Assert.Equal(2022, world.GetProperty("year").GetInt32());
        Assert.StartsWith("unweighted", world.GetProperty("weighting").GetString(), StringComparison.Ordinal);
        Assert.Equal(44, scopes[6].GetProperty("countries").GetInt32());
    }
}

/// <summary>The seeded commitments whose text sets a connectivity goal, shown against internet use.</summary>
[Collection(AppCollection.Name)]
public sealed class CommitmentIndicatorTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task AConnectivityCommitment_ShowsTheAggregatesAgainstItsTarget_WithADataTable()
    {
        var id = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            System.Linq.Queryable.Select(System.Linq.Queryable.Where(db.Commitments, c => c.Code == "70-125-p25-universal-affordable-internet"), c => c.Id)));

        var page = await app.GetPageAsync($"/commitments/{id}");

        var section = page.QuerySelector("section[aria-labelledby=indicator]")!;
        Assert.Contains("Target: 100% by 2030", section.TextContent, StringComparison.Ordinal);
        Assert.Contains("World Bank, World Development Indicators; source: International Telecommunication Union", section.TextContent, StringComparison.Ordinal);
        Assert.NotNull(section.QuerySelector("svg[role=img][aria-labelledby=indicator-chart-title]"));
        var rows = section.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(9, rows.Count);
        var world = rows[0].QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal("2022", world[0]);
        Assert.EndsWith("%", world[1], StringComparison.Ordinal);
        Assert.Equal(100 - double.Parse(world[1].TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture), double.Parse(world[2], System.Globalization.CultureInfo.InvariantCulture), 2);
        Assert.StartsWith("unweighted", world[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChart_InFrench_IsTranslatedWithTheCulturesNumbers()
    {
        var id = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            System.Linq.Queryable.Select(System.Linq.Queryable.Where(db.Commitments, c => c.Code == "70-125-p25-universal-affordable-internet"), c => c.Id)));

        var section = (await app.GetPageAsync($"/fr/commitments/{id}")).QuerySelector("section[aria-labelledby=indicator]")!;

        Assert.Contains("Cible : 100 % d’ici 2030", section.TextContent, StringComparison.Ordinal);
        var world = section.QuerySelectorAll("tbody tr").First();
        Assert.Equal("Monde", world.QuerySelector("th")!.TextContent);
        var cells = world.QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        var french = System.Globalization.CultureInfo.GetCultureInfo("fr");
        var value = double.Parse(cells[1].Replace("\u00a0%", "", StringComparison.Ordinal).Replace("\u202f%", "", StringComparison.Ordinal).Replace(" %", "", StringComparison.Ordinal), french);
        Assert.Equal(100 - value, double.Parse(cells[2], french), 2);
        Assert.Contains(",", cells[2], StringComparison.Ordinal);
        Assert.StartsWith("moyenne non pondérée", cells[4], StringComparison.Ordinal);
        Assert.Contains(section.QuerySelectorAll("tbody th bdi"), b => b.TextContent == "Afrique");
    }
}
