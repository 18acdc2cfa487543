using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Indicators;
using WsisTracker.IntegrationTests.Infrastructure;

using static WsisTracker.IntegrationTests.Secretariat.WorkspaceCsv;

namespace WsisTracker.IntegrationTests.Secretariat;

/// <summary>The workspace CSV carries a commitment's geographic scope and indicator link (decision 132).</summary>
[Collection(AppCollection.Name)]
public sealed class CsvScopeAndIndicatorTests(WsisTrackerFactory app)
{
    private static readonly string[] NewColumns =
        [CommitmentCsv.ScopeKind, CommitmentCsv.ScopeRegions, CommitmentCsv.ScopeCountries, CommitmentCsv.IndicatorCode, CommitmentCsv.IndicatorTarget, CommitmentCsv.IndicatorTargetYear];

    [Fact]
    public async Task Export_WritesTheScopeAndTheLink_AndItsImportWithoutEdits_ChangesNothing()
    {
        var share = await app.ImportIndicatorAsync("Schools online (% of schools)", suffix: ".ZS");
        var id = await CreateAsync(new GeographicScopeInput(GeographicScopeKind.National, null, ["KEN", "BTN"]), new IndicatorLinkInput(share, 87.5, 2030));
        var regional = await CreateAsync(new GeographicScopeInput(GeographicScopeKind.Regional, ["034", "002"], null), null);
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var exported = await client.Http.GetStringAsync("/workspace/csv/commitments.csv");
        var versions = await VersionsAsync(id, regional);

        var row = Cells(exported, id);
        Assert.Equal(["National", "", "BTN;KEN", share, "87.5", "2030"], NewColumns.Select(c => row[c]));
        Assert.Equal(["Regional", "002;034", "", "", "", ""], NewColumns.Select(c => Cells(exported, regional)[c]));
        var preview = await PreviewAsync(client, exported);
        Assert.Null(preview.QuerySelector("#errors"));
        Assert.StartsWith("0 to create, 0 to change", preview.QuerySelector("#summary")!.TextContent, StringComparison.Ordinal);
        using var applied = await ApplyAsync(client, preview, exported);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(versions, await VersionsAsync(id, regional));
    }

    [Fact]
    public async Task Import_SetsANationalScopeAndALink_ThenEmptyCellsMakeItGlobalAndRemoveTheLink()
    {
        var count = await app.ImportIndicatorAsync("Public access points (per 100,000 people)");
        var id = await CreateAsync(null, null);
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var exported = await client.Http.GetStringAsync("/workspace/csv/commitments.csv");
        var edited = Edit(exported, id, new()
        {
            [CommitmentCsv.ScopeKind] = "national",
            [CommitmentCsv.ScopeCountries] = "per; ken",
            [CommitmentCsv.IndicatorCode] = count.ToLowerInvariant(),
            [CommitmentCsv.IndicatorTarget] = "12.25",
            [CommitmentCsv.IndicatorTargetYear] = "2028",
        });

        var preview = await PreviewAsync(client, edited);
        Assert.Null(preview.QuerySelector("#errors"));
        Assert.StartsWith("0 to create, 1 to change", preview.QuerySelector("#summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("global", (await DetailAsync(id)).GetProperty("scope").GetProperty("kind").GetString());
        using var applied = await ApplyAsync(client, preview, edited);

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var detail = await DetailAsync(id);
        Assert.Equal("national|KEN,PER", Scope(detail));
        Assert.Equal((count, 12.25, 2028), (detail.GetProperty("indicator").GetProperty("code").GetString(), detail.GetProperty("indicator").GetProperty("target").GetDouble(), detail.GetProperty("indicator").GetProperty("targetYear").GetInt32()));

        var again = await client.Http.GetStringAsync("/workspace/csv/commitments.csv");
        var cleared = Edit(again, id, NewColumns.ToDictionary(c => c, _ => ""));
        using var removed = await ApplyAsync(client, await PreviewAsync(client, cleared), cleared);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var after = await DetailAsync(id);
        Assert.Equal("global|", Scope(after));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("indicator").ValueKind);
    }

    [Theory]
    [InlineData("National", "", "KEN;XYZ", "", "", "", "scope_countries", "'XYZ' is not a country of the UN M49 list")]
    [InlineData("Continental", "002", "", "", "", "", "scope_kind", "Choose a geographic scope")]
    [InlineData("", "", "KEN", "", "", "", "scope_kind", "Choose a geographic scope")]
    [InlineData("Global", "002", "", "", "", "", "scope_regions", "A global scope names no region")]
    [InlineData("Global", "", "", "{share}", "150", "2030", "indicator_target", "between 0 and 100")]
    [InlineData("Global", "", "", "{share}", "lots", "2030", "indicator_target", "Give the target as a number.")]
    [InlineData("Global", "", "", "{share}", "50", "soon", "indicator_target_year", "Give a target year between 2000 and 2100.")]
    [InlineData("Global", "", "", "{share}", "", "", "indicator_code", "together, or none of them")]
    [InlineData("Global", "", "", "NO.SUCH.SERIES", "5", "2030", "indicator_code", "no imported indicator series")]
    public async Task Import_OfABadScopeOrLink_IsRefusedByRowAndColumn_AndStoresNothing(string kind, string regions, string countries, string code, string target, string year, string column, string problem)
    {
        var share = await app.ImportIndicatorAsync("Firms online (% of firms)", suffix: ".ZS");
        var id = await CreateAsync(new GeographicScopeInput(GeographicScopeKind.Regional, ["142"], null), new IndicatorLinkInput(share, 40, 2029));
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var exported = await client.Http.GetStringAsync("/workspace/csv/commitments.csv");
        var version = (await VersionsAsync(id)).Single();
        string[] values = [kind, regions, countries, code.Replace("{share}", share, StringComparison.Ordinal), target, year];
        var edited = Edit(exported, id, NewColumns.Zip(values).ToDictionary(p => p.First, p => p.Second));

        var preview = await PreviewAsync(client, edited);

        var errors = preview.QuerySelectorAll("#errors tbody tr").Select(r => string.Join('|', r.QuerySelectorAll("td").Select(td => td.TextContent))).ToList();
        Assert.Contains(errors, e => e.StartsWith($"2|{column}|", StringComparison.Ordinal) && e.Contains(problem, StringComparison.Ordinal));
        Assert.Null(preview.QuerySelector("form[action='/workspace/csv/import']"));
        using var forced = await ApplyAsync(client, preview, edited);
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Equal([version], await VersionsAsync(id));
        var detail = await DetailAsync(id);
        Assert.Equal("regional|142", Scope(detail));
        Assert.Equal(40, detail.GetProperty("indicator").GetProperty("target").GetDouble());
    }

    [Fact]
    public async Task Import_OfAFileExportedBeforeTheNewColumns_KeepsTheScopeAndTheLink_AndANewRowIsGlobal()
    {
        var share = await app.ImportIndicatorAsync("Homes online (% of households)", suffix: ".ZS");
        var id = await CreateAsync(new GeographicScopeInput(GeographicScopeKind.National, null, ["PER"]), new IndicatorLinkInput(share, 60, 2027));
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var title = $"Renamed in an old file {Guid.NewGuid():N}";
        var created = $"Created from an old file {Guid.NewGuid():N}";
        var old = Edit(await client.Http.GetStringAsync("/workspace/csv/commitments.csv"), id, new() { [CommitmentCsv.Title] = title }, without: NewColumns)
            + $",,,{created},Made in an old spreadsheet.,a-res-70-125:63,C1,itu,,,,,,,\r\n";
        Assert.Equal(CommitmentCsv.Columns.Count - NewColumns.Length, Csv.Records(new StringReader(old))[0].Cells.Length);

        var preview = await PreviewAsync(client, old);
        Assert.Null(preview.QuerySelector("#errors"));
        Assert.StartsWith("1 to create, 1 to change", preview.QuerySelector("#summary")!.TextContent, StringComparison.Ordinal);
        using var applied = await ApplyAsync(client, preview, old);

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var detail = await DetailAsync(id);
        Assert.Equal(title, detail.GetProperty("title").GetString());
        Assert.Equal("national|PER", Scope(detail));
        Assert.Equal((share, 60.0, 2027), (detail.GetProperty("indicator").GetProperty("code").GetString(), detail.GetProperty("indicator").GetProperty("target").GetDouble(), detail.GetProperty("indicator").GetProperty("targetYear").GetInt32()));
        var made = await app.WithDbAsync(db => db.Commitments.AsNoTracking().Where(c => c.Title == created).Select(c => new { c.ScopeKind, c.IndicatorCode }).SingleAsync());
        Assert.Equal((GeographicScopeKind.Global, (string?)null), (made.ScopeKind, made.IndicatorCode));
    }

    [Fact]
    public async Task Import_WithPartOfAGroupOfColumns_NamesTheMissingOnes()
    {
        var id = await CreateAsync(null, null);
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var partial = Edit(await client.Http.GetStringAsync("/workspace/csv/commitments.csv"), id, new(), without: [CommitmentCsv.ScopeRegions, CommitmentCsv.IndicatorTargetYear]);

        var preview = await PreviewAsync(client, partial);

        var errors = preview.QuerySelectorAll("#errors tbody tr").Select(r => string.Join('|', r.QuerySelectorAll("td").Select(td => td.TextContent))).ToList();
        Assert.Equal(["1|scope_regions|This column is missing; keep every column of the export.", "1|indicator_target_year|This column is missing; keep every column of the export."], errors);
    }

    /// <summary>Creates a commitment as a system task, with the scope and the link given (none: global and no link).</summary>
    private async Task<int> CreateAsync(GeographicScopeInput? scope, IndicatorLinkInput? indicator)
    {
        await using var services = app.Services.CreateAsyncScope();
        services.ServiceProvider.GetRequiredService<ActorContext>().Set("integration test", ActorKind.System);
        var created = await services.ServiceProvider.GetRequiredService<CommitmentWrites>().CreateAsync(
            new CommitmentInput($"CSV scope and link {Guid.NewGuid():N}", "Arranged by a CSV test.", [new ParagraphKey("a-res-70-125", 45)], ["C2"], ["itu"], [], null, null, null, [])
            {
                Scope = scope,
                Indicator = indicator,
            },
            CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value.Id;
    }

    private Task<List<uint>> VersionsAsync(params int[] ids) =>
        app.WithDbAsync(db => db.Commitments.Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).Select(c => c.Version).ToListAsync());

    private Task<JsonElement> DetailAsync(int id) => app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}");

    /// <summary>A scope as <c>kind|codes</c>, the region or country codes joined by commas.</summary>
    private static string Scope(JsonElement detail)
    {
        var scope = detail.GetProperty("scope");
        var codes = scope.GetProperty("regions").EnumerateArray().Concat(scope.GetProperty("countries").EnumerateArray()).Select(c => c.GetString());
        return $"{scope.GetProperty("kind").GetString()}|{string.Join(",", codes)}";
    }

    /// <summary>The exported row of commitment <paramref name="id"/>, by column.</summary>
    private static Dictionary<string, string> Cells(string exported, int id)
    {
        var records = Csv.Records(new StringReader(exported));
        var header = records[0].Cells;
        var row = records.Single(r => r.Cells[0] == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Cells;
        return header.Zip(row).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    /// <summary>A file of the header and the row of <paramref name="id"/>, with <paramref name="cells"/> replaced and the columns <paramref name="without"/> left out.</summary>
    private static string Edit(string exported, int id, Dictionary<string, string> cells, IReadOnlyList<string>? without = null)
    {
        var header = Csv.Records(new StringReader(exported))[0].Cells.Except(without ?? []).ToList();
        var row = Cells(exported, id);
        foreach (var (column, value) in cells)
        {
            row[column] = value;
        }

        return Csv.Row(header) + Csv.Row(header.Select(c => row[c]));
    }
}
