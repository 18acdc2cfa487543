using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Commitments;
using WsisTracker.IntegrationTests.Api;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Countries;

/// <summary>A commitment's geographic scope (decision 113): written by the API and the workspace form, read, filtered on, and listed on a country's page.</summary>
[Collection(AppCollection.Name)]
public sealed partial class CommitmentScopeTests(WsisTrackerFactory app)
{
    /// <summary>A whole commitment as a PUT sends it, with <paramref name="scope"/> (a member and its leading comma, or nothing).</summary>
    private static string Put(string scope) => $$"""
        { "title": "Scoped", "description": "A commitment with a scope.",
          "paragraphs": [ { "resolution": "a-res-70-125", "number": 27 } ], "actionLines": [ "C1" ],
          "leadStakeholders": [ "itu" ]{{scope}} }
        """;

    private static JsonElement ScopeOf(JsonElement commitment) => commitment.GetProperty("scope");

    /// <summary>A scope as <c>kind|regions|countries</c>, the codes joined by commas.</summary>
    private static string Parts(JsonElement scope) =>
        string.Join("|", scope.GetProperty("kind").GetString(),
            string.Join(",", scope.GetProperty("regions").EnumerateArray().Select(r => r.GetString())),
            string.Join(",", scope.GetProperty("countries").EnumerateArray().Select(c => c.GetString())));

    [Fact]
    public async Task Api_PutSetsTheScope_PatchMergesIt_AndAPutWithoutOneMakesItGlobal()
    {
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "scope");
        Assert.Equal("global||", Parts(ScopeOf(await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}"))));

        using var put = await CommitmentWritesApiTests.SendAsync(writer, HttpMethod.Put, $"/api/v1/commitments/{id}",
            Put(""", "scope": { "kind": "national", "countries": [ " per", "KEN", "ken" ] }"""), "application/json", etag);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("national||KEN,PER", Parts(ScopeOf(await put.Content.ReadFromJsonAsync<JsonElement>())));

        using var toRegional = await CommitmentWritesApiTests.PatchAsync(writer, id, put.Headers.ETag!.ToString(),
            """{ "scope": { "kind": "regional", "regions": [ "034", "002" ], "countries": null } }""");
        Assert.Equal(HttpStatusCode.OK, toRegional.StatusCode);
        Assert.Equal("regional|002,034|", Parts(ScopeOf(await toRegional.Content.ReadFromJsonAsync<JsonElement>())));

        using var titleOnly = await CommitmentWritesApiTests.PatchAsync(writer, id, toRegional.Headers.ETag!.ToString(), """{ "title": "Scoped, renamed" }""");
        Assert.Equal(HttpStatusCode.OK, titleOnly.StatusCode);
        Assert.Equal("regional|002,034|", Parts(ScopeOf(await titleOnly.Content.ReadFromJsonAsync<JsonElement>())));

        using var withoutScope = await CommitmentWritesApiTests.SendAsync(writer, HttpMethod.Put, $"/api/v1/commitments/{id}", Put(""), "application/json", titleOnly.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, withoutScope.StatusCode);
        Assert.Equal("global||", Parts(ScopeOf(await withoutScope.Content.ReadFromJsonAsync<JsonElement>())));
    }

    [Theory]
    [InlineData("""{ "kind": "national", "countries": [ "KEN", "XYZ" ] }""", "scope.countries")]
    [InlineData("""{ "kind": "regional", "regions": [] }""", "scope.regions")]
    [InlineData("""{ "kind": "regional", "regions": [ "001" ] }""", "scope.regions")]
    [InlineData("""{ "kind": "global", "countries": [ "KEN" ] }""", "scope.regions")]
    [InlineData("""{ "kind": null, "countries": [ "KEN" ] }""", "scope.kind")]
    public async Task Api_ABadScope_IsAValidationProblem_AndChangesNothing(string scope, string field)
    {
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "bad scope");

        using var put = await CommitmentWritesApiTests.SendAsync(writer, HttpMethod.Put, $"/api/v1/commitments/{id}", Put($", \"scope\": {scope}"), "application/json", etag);
        using var patch = await CommitmentWritesApiTests.PatchAsync(writer, id, etag, $"{{ \"scope\": {scope} }}");

        foreach (var response in new[] { put, patch })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await CommitmentWritesApiTests.AssertProblemAsync(response, "validation");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        Assert.Equal(etag, await app.ETagOfAsync($"/api/v1/commitments/{id}"));
        Assert.Equal("global", ScopeOf(await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}")).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Api_AnUnknownKind_IsABadRequest()
    {
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, "unknown kind");

        using var put = await CommitmentWritesApiTests.SendAsync(writer, HttpMethod.Put, $"/api/v1/commitments/{id}", Put(""", "scope": { "kind": "planetary" }"""), "application/json", etag);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(etag, await app.ETagOfAsync($"/api/v1/commitments/{id}"));
    }

    [Fact]
    public async Task WorkspaceForm_SetsAndChangesTheScope_AndShowsAnErrorBesideTheField()
    {
        var commitment = await app.CreateCommitmentAsync();
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var url = $"/workspace/commitments/{commitment.Id}/edit";
        var form = await client.GetPageAsync(url);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector("#scope-Global")!).IsChecked);

        using var national = await client.SubmitAsync(form, url, new Dictionary<string, object?> { ["Scope.Kind"] = "National", ["Scope.Countries"] = "per, ken BTN" }, submit: "Intent=save");
        Assert.Equal(HttpStatusCode.Redirect, national.StatusCode);
        Assert.Equal("national||BTN,KEN,PER", Parts(ScopeOf(await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{commitment.Id}"))));

        var again = await client.GetPageAsync(url);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)again.QuerySelector("#scope-National")!).IsChecked);
        Assert.Equal("BTN, KEN, PER", ((AngleSharp.Html.Dom.IHtmlInputElement)again.QuerySelector("#ScopeCountries")!).Value);
        using var regional = await client.SubmitAsync(again, url, new Dictionary<string, object?> { ["Scope.Kind"] = "Regional", ["Scope.Regions"] = new[] { "002" }, ["Scope.Countries"] = "" }, submit: "Intent=save");
        Assert.Equal(HttpStatusCode.Redirect, regional.StatusCode);
        Assert.Equal("regional|002|", Parts(ScopeOf(await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{commitment.Id}"))));

        var before = await app.ETagOfAsync($"/api/v1/commitments/{commitment.Id}");
        var third = await client.GetPageAsync(url);
        using var refused = await client.SubmitAsync(third, url, new Dictionary<string, object?> { ["Scope.Kind"] = "National", ["Scope.Regions"] = Array.Empty<string>(), ["Scope.Countries"] = "KEN XYZ" }, submit: "Intent=save");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await PageClient.ParseAsync(refused);
        Assert.Contains("'XYZ' is not a country of the UN M49 list", page.QuerySelector("#ScopeCountries")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await app.ETagOfAsync($"/api/v1/commitments/{commitment.Id}"));
    }

    [Fact]
    public async Task WorkspaceForm_InFrench_SaysTheScopeErrorInFrench_AndChangesNothing()
    {
        var commitment = await app.CreateCommitmentAsync();
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var url = $"/fr/workspace/commitments/{commitment.Id}/edit";
        var form = await client.GetPageAsync(url);
        Assert.Equal("Portée géographique", form.QuerySelectorAll("legend").Select(l => l.TextContent).Single(t => t.StartsWith("Port", StringComparison.Ordinal)));

        using var refused = await client.SubmitAsync(form, url, new Dictionary<string, object?> { ["Scope.Kind"] = "Regional" }, submit: "Intent=save");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await PageClient.ParseAsync(refused);
        Assert.Contains("Une portée régionale nomme au moins une région M49.", page.QuerySelector("#ScopeRegions")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal("global", ScopeOf(await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{commitment.Id}")).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task RegionAndGroupingFilters_MatchTheScope_WithTheSameCountsOnPageAndApi()
    {
        var stamp = Guid.NewGuid().ToString("N")[..10];
        // ITU has no country: these commitments are in a region or grouping through their scope alone. Bhutan is in
        // Southern Asia (034, Asia 142) and landlocked (LLDC); Kenya in Eastern Africa (014, Sub-Saharan Africa 202, Africa 002).
        await CreateScopedAsync($"Scope {stamp} national", new GeographicScopeInput(GeographicScopeKind.National, null, ["BTN", "KEN"]));
        await CreateScopedAsync($"Scope {stamp} southern asia", new GeographicScopeInput(GeographicScopeKind.Regional, ["034"], null));
        await CreateScopedAsync($"Scope {stamp} asia", new GeographicScopeInput(GeographicScopeKind.Regional, ["142"], null));
        await CreateScopedAsync($"Scope {stamp} global", new GeographicScopeInput(GeographicScopeKind.Global, null, null));

        (string Query, int Expected)[] cases =
        [
            ($"q={stamp}", 4), ($"q={stamp}&region=034", 2), ($"q={stamp}&region=142", 3), ($"q={stamp}&region=002", 1),
            ($"q={stamp}&region=014", 1), ($"q={stamp}&region=150", 0), ($"q={stamp}&grouping=lldc", 1), ($"q={stamp}&grouping=sids", 0),
        ];
        foreach (var (query, expected) in cases)
        {
            Assert.Equal((query, expected), (query, await PageCountAsync(query)));
            Assert.Equal((query, expected), (query, await ApiCountAsync(query)));
        }
    }

    [Fact]
    public async Task CountryPage_ListsANationallyScopedCommitment_AndTheCommitmentPageNamesItsCountries()
    {
        var title = $"Scoped to Bhutan {Guid.NewGuid():N}";
        var id = await CreateScopedAsync(title, new GeographicScopeInput(GeographicScopeKind.National, null, ["KEN", "BTN"]));

        var country = await app.GetPageAsync("/countries/BTN");
        Assert.Contains(country.QuerySelectorAll("section[aria-labelledby=scoped] a"), a => a.GetAttribute("href") == $"/commitments/{id}" && a.TextContent == title);
        var kenya = await app.GetPageAsync("/countries/KEN");
        Assert.Contains(kenya.QuerySelectorAll("section[aria-labelledby=scoped] a"), a => a.GetAttribute("href") == $"/commitments/{id}");
        var peru = await app.GetPageAsync("/countries/PER");
        Assert.DoesNotContain(peru.QuerySelectorAll("section[aria-labelledby=scoped] a"), a => a.GetAttribute("href") == $"/commitments/{id}");

        var english = await app.GetPageAsync($"/commitments/{id}");
        Assert.Equal("National: Bhutan, Kenya", Squeeze(english.QuerySelector("dd.scope")!.TextContent));
        var french = await app.GetPageAsync($"/fr/commitments/{id}");
        Assert.Equal("Nationale : Bhoutan, Kenya", Squeeze(french.QuerySelector("dd.scope")!.TextContent));
    }

    [Fact]
    public async Task CsvImport_OfAnEditedRow_KeepsTheScope()
    {
        var title = $"CSV scoped {Guid.NewGuid():N}";
        var id = await CreateScopedAsync(title, new GeographicScopeInput(GeographicScopeKind.National, null, ["PER"]));
        await using var services = app.Services.CreateAsyncScope();
        services.ServiceProvider.GetRequiredService<ActorContext>().Set("integration test", ActorKind.System);
        var csv = services.ServiceProvider.GetRequiredService<CommitmentCsv>();
        await using var exported = new StringWriter();
        await csv.ExportCommitmentsAsync(exported, CancellationToken.None);
        var lines = exported.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var row = lines.Single(l => l.StartsWith($"{id},", StringComparison.Ordinal));

        var report = await csv.ImportAsync(new StringReader(lines[0] + "\r\n" + row.Replace(title, title + " renamed", StringComparison.Ordinal) + "\r\n"), apply: true, CancellationToken.None);

        Assert.True(report.Applied, string.Join("; ", report.Errors.Select(e => e.Message)));
        var api = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}");
        Assert.Equal(title + " renamed", api.GetProperty("title").GetString());
        Assert.Equal("national||PER", Parts(ScopeOf(api)));
    }

    [Fact]
    public async Task PublicExport_ApiCsvAndListItems_CarryTheScopeInTrailingColumns()
    {
        var marker = $"scopecsv{Guid.NewGuid():N}"[..24];
        await CreateScopedAsync($"{marker} national", new GeographicScopeInput(GeographicScopeKind.National, null, ["KEN", "BTN"]));
        await CreateScopedAsync($"{marker} regional", new GeographicScopeInput(GeographicScopeKind.Regional, ["034"], null));
        using var anonymous = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/commitments?q={marker}&limit=10");
        request.Headers.Accept.ParseAdd("text/csv");
        using var api = await anonymous.SendAsync(request);

        var export = WsisTracker.Core.Common.Csv.Records(new StringReader(await anonymous.GetStringAsync($"/commitments/export?q={marker}&sort=Title")));
        var csv = WsisTracker.Core.Common.Csv.Records(new StringReader(await api.Content.ReadAsStringAsync()));
        var list = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments?q={marker}&limit=10");

        Assert.Equal(["scope_kind", "scope_regions", "scope_countries"], export[0].Cells[^3..]);
        Assert.Equal(["id", "code", "title", "status"], export[0].Cells[..4]);
        Assert.Equal([["national", "", "BTN; KEN"], ["regional", "034", ""]], export.Skip(1).Select(r => r.Cells[^3..]));
        Assert.Equal(["scopeKind", "scopeRegions", "scopeCountries"], csv[0].Cells[^3..]);
        Assert.Equal(["national||BTN; KEN", "regional|034|"], csv.Skip(1).Select(r => string.Join('|', r.Cells[^3..])).Order(StringComparer.Ordinal));
        Assert.Equal(["national||BTN,KEN", "regional|034|"], list.GetProperty("items").EnumerateArray().Select(i => Parts(ScopeOf(i))).Order(StringComparer.Ordinal));
    }

    private async Task<int> CreateScopedAsync(string title, GeographicScopeInput scope)
    {
        await using var services = app.Services.CreateAsyncScope();
        services.ServiceProvider.GetRequiredService<ActorContext>().Set("integration test", ActorKind.System);
        var created = await services.ServiceProvider.GetRequiredService<CommitmentWrites>().CreateAsync(
            new CommitmentInput(title, "Arranged by a scope test.", [new ParagraphKey("a-res-70-125", 45)], ["C2"], ["itu"], [], null, null, null, []) { Scope = scope },
            CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        Assert.Equal(scope.Kind, await app.WithDbAsync(db => db.Commitments.Where(c => c.Id == created.Value.Id).Select(c => c.ScopeKind).SingleAsync()));
        return created.Value.Id;
    }

    private static string Squeeze(string text) => WhiteSpace().Replace(text, " ").Trim();

    private async Task<int> PageCountAsync(string query)
    {
        var page = await app.GetPageAsync("/commitments?" + query);
        return int.Parse(MatchCount().Match(page.QuerySelector("p.result-count")!.TextContent).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<int> ApiCountAsync(string query) =>
        (await app.GetJsonAsync<JsonElement>("/api/v1/commitments?" + query)).GetProperty("totalCount").GetInt32();

    [GeneratedRegex(@"^\s*(\d+) commitments? match")]
    private static partial Regex MatchCount();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
