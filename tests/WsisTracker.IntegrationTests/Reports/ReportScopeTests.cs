using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Reports;
using WsisTracker.IntegrationTests.Infrastructure;
using static WsisTracker.IntegrationTests.Api.CommitmentWritesApiTests;

namespace WsisTracker.IntegrationTests.Reports;

/// <summary>
/// A progress report's geographic scope (decision 131): written through the API (with <c>scope</c>, or the older
/// <c>countries</c> alone) and the contributor's form, checked by the commitments' rule, shown on the review page and
/// listed on the pages of the countries it covered.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class ReportScopeTests(WsisTrackerFactory app)
{
    /// <summary>A whole report as the API takes it, with <paramref name="members"/> (each with its leading comma) added.</summary>
    private static string Report(string members) => $$"""
        { "status": "onTrack", "progressPercent": 30, "narrative": "Scoped work.", "asOf": "{{DateTime.UtcNow:yyyy-MM-dd}}"{{members}} }
        """;

    /// <summary>A scope as <c>kind|regions|countries</c>, the codes joined by commas.</summary>
    private static string Parts(JsonElement scope) =>
        string.Join("|", scope.GetProperty("kind").GetString(),
            string.Join(",", scope.GetProperty("regions").EnumerateArray().Select(r => r.GetString())),
            string.Join(",", scope.GetProperty("countries").EnumerateArray().Select(c => c.GetString())));

    private static string Codes(JsonElement codes) => string.Join(",", codes.EnumerateArray().Select(c => c.GetString()));

    private async Task<(int CommitmentId, HttpClient Contributor)> ArrangeAsync()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        return (commitmentId, app.CreateClientWithKey(await app.CreateContributorKeyAsync(slug)));
    }

    private static async Task<(JsonElement Body, string ETag)> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<JsonElement>(), response.Headers.ETag!.ToString());
        }
    }

    [Fact]
    public async Task Api_CreateAndRevise_TakeAScope_OrTheCountriesAlone_AndEachRevisionKeepsItsScope()
    {
        var (commitmentId, contributor) = await ArrangeAsync();
        using var owned = contributor;

        var (created, etag) = await ReadAsync(await SendAsync(contributor, HttpMethod.Post, $"/api/v1/commitments/{commitmentId}/reports",
            Report(""", "scope": { "kind": "regional", "regions": [ " 014", "002", "014" ] }"""), "application/json", null), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal("regional|002,014|", Parts(created.GetProperty("scope")));
        Assert.Equal("", Codes(created.GetProperty("countries")));

        // An older client sends countries alone: a national scope of those countries.
        var (legacy, legacyETag) = await ReadAsync(await SendAsync(contributor, HttpMethod.Put, $"/api/v1/reports/{id}",
            Report(""", "countries": [ "per", "KEN" ]"""), "application/json", etag), HttpStatusCode.OK);
        Assert.Equal("national||KEN,PER", Parts(legacy.GetProperty("scope")));
        Assert.Equal("KEN,PER", Codes(legacy.GetProperty("countries")));

        // Both given and agreeing (order and case aside) are accepted.
        var (both, bothETag) = await ReadAsync(await SendAsync(contributor, HttpMethod.Put, $"/api/v1/reports/{id}",
            Report(""", "countries": [ "ken" ], "scope": { "kind": "national", "countries": [ "KEN" ] }"""), "application/json", legacyETag), HttpStatusCode.OK);
        Assert.Equal("national||KEN", Parts(both.GetProperty("scope")));

        // A PUT replaces the whole report: with neither, the scope is global.
        var (neither, _) = await ReadAsync(await SendAsync(contributor, HttpMethod.Put, $"/api/v1/reports/{id}", Report(""), "application/json", bothETag), HttpStatusCode.OK);
        Assert.Equal("global||", Parts(neither.GetProperty("scope")));

        Assert.Equal(["global||", "national||KEN", "national||KEN,PER", "regional|002,014|"],
            neither.GetProperty("revisions").EnumerateArray().Select(r => Parts(r.GetProperty("scope"))));
        var stored = await app.WithDbAsync(db => db.ProgressReports.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.ScopeKind, r.ScopeRegions, r.Countries }).SingleAsync());
        Assert.Equal((GeographicScopeKind.Global, 0, 0), (stored.ScopeKind, stored.ScopeRegions.Count, stored.Countries.Count));
    }

    [Theory]
    [InlineData(""", "countries": [ "KEN" ], "scope": { "kind": "regional", "regions": [ "002" ] }""", "countries")]
    [InlineData(""", "countries": [ "KEN" ], "scope": { "kind": "national", "countries": [ "PER" ] }""", "countries")]
    [InlineData(""", "countries": [], "scope": { "kind": "national", "countries": [ "KEN" ] }""", "countries")]
    [InlineData(""", "scope": { "kind": "regional", "regions": [ "999" ] }""", "scope.regions")]
    [InlineData(""", "scope": { "kind": "regional", "regions": [ "001" ] }""", "scope.regions")]
    [InlineData(""", "scope": { "kind": "national", "countries": [ "KEN", "XYZ" ] }""", "scope.countries")]
    [InlineData(""", "scope": { "kind": "global", "countries": [ "KEN" ] }""", "scope.regions")]
    [InlineData(""", "scope": { "countries": [ "KEN" ] }""", "scope.kind")]
    [InlineData(""", "countries": [ "KEN", "XYZ" ]""", "countries")]
    public async Task Api_ABadOrDisagreeingScope_IsAValidationProblem_AndChangesNothing(string members, string field)
    {
        var (commitmentId, contributor) = await ArrangeAsync();
        using var owned = contributor;
        var (draft, etag) = await ReadAsync(await SendAsync(contributor, HttpMethod.Post, $"/api/v1/commitments/{commitmentId}/reports",
            Report(""", "countries": [ "BTN" ]"""), "application/json", null), HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetInt32();

        using var put = await SendAsync(contributor, HttpMethod.Put, $"/api/v1/reports/{id}", Report(members), "application/json", etag);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var problem = await AssertProblemAsync(put, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());

        var (after, afterETag) = await ReadAsync(await contributor.GetAsync($"/api/v1/reports/{id}"), HttpStatusCode.OK);
        Assert.Equal((etag, 1, "national||BTN"), (afterETag, after.GetProperty("revision").GetInt32(), Parts(after.GetProperty("scope"))));

        // A first draft with it is not created either.
        var (otherCommitment, otherContributor) = await ArrangeAsync();
        using var otherOwned = otherContributor;
        using var post = await SendAsync(otherContributor, HttpMethod.Post, $"/api/v1/commitments/{otherCommitment}/reports", Report(members), "application/json", null);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.ProgressReports.AnyAsync(r => r.CommitmentId == otherCommitment)));
    }

    [Fact]
    public async Task ContributorForm_SetsTheScope_AndAnUnknownCountry_IsAnErrorBesideTheField_AndChangesNothing()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        using var author = await app.SignInAsync(contributor.Login);
        var url = $"/contribute/commitments/{commitmentId}/report";
        var form = await author.GetPageAsync(url);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector("#scope-Global")!).IsChecked);

        using (var saved = await author.SubmitAsync(form, url, new Dictionary<string, object?> { ["Scope.Kind"] = "Regional", ["Scope.Regions"] = new[] { "014" } }, "Intent=draft"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var again = await author.GetPageAsync(url);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)again.QuerySelector("#scope-Regional")!).IsChecked);
        Assert.Equal(["014"], again.QuerySelectorAll("#ScopeRegions option[selected]").Select(o => o.GetAttribute("value")));
        Assert.Equal("Regional: Eastern Africa", Squeeze(again.QuerySelector("span.scope")!.TextContent));
        var before = await OpenReportAsync(contributor, commitmentId);

        using var refused = await author.SubmitAsync(again, url, new Dictionary<string, object?> { ["Scope.Kind"] = "National", ["Scope.Regions"] = Array.Empty<string>(), ["Scope.Countries"] = "KEN, XYZ" }, "Intent=draft");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await PageClient.ParseAsync(refused);
        Assert.Contains("'XYZ' is not a country of the UN M49 list", page.QuerySelector("#ScopeCountries")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var after = await OpenReportAsync(contributor, commitmentId);
        Assert.Equal((before.Version, before.Revision, GeographicScopeKind.Regional), (after.Version, after.Revision, after.Scope.Kind));
    }

    [Fact]
    public async Task ContributorForm_InFrench_LabelsTheScopeAndSaysItsErrorInFrench()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        using var author = await app.SignInAsync(contributor.Login);
        var url = $"/fr/contribute/commitments/{commitmentId}/report";
        var form = await author.GetPageAsync(url);
        Assert.Contains("Portée géographique", form.QuerySelectorAll("legend").Select(l => l.TextContent));

        using var refused = await author.SubmitAsync(form, url, new Dictionary<string, object?> { ["Scope.Kind"] = "Regional" }, "Intent=draft");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await PageClient.ParseAsync(refused);
        Assert.Contains("Une portée régionale nomme au moins une région M49.", page.QuerySelector("#ScopeRegions")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.ProgressReports.AnyAsync(r => r.CommitmentId == commitmentId)));
    }

    [Fact]
    public async Task CountryPage_ListsTheApprovedReportsThatCoveredIt_ByNameOrThroughItsRegion_AndNotAnotherRegions()
    {
        // Kenya is in Eastern Africa (014), Sub-Saharan Africa (202) and Africa (002); Peru in South America (005).
        var eastAfrica = await ApprovedReportAsync(new GeographicScopeInput(GeographicScopeKind.Regional, ["014"], null));
        var europe = await ApprovedReportAsync(new GeographicScopeInput(GeographicScopeKind.Regional, ["150"], null));
        var kenyaByName = await ApprovedReportAsync(new GeographicScopeInput(GeographicScopeKind.National, null, ["KEN"]));
        var draftOnly = await DraftReportAsync(new GeographicScopeInput(GeographicScopeKind.Regional, ["002"], null));

        var kenya = await app.GetPageAsync("/countries/KEN");
        var item = Squeeze(ItemOf(kenya, eastAfrica.CommitmentId)!.TextContent);
        Assert.StartsWith($"{eastAfrica.Title}: reported by {eastAfrica.Stakeholder}, as of ", item, StringComparison.Ordinal);
        Assert.EndsWith("; regional: covers its area Eastern Africa", item, StringComparison.Ordinal);
        Assert.EndsWith("; national: names it among the countries covered", Squeeze(ItemOf(kenya, kenyaByName.CommitmentId)!.TextContent), StringComparison.Ordinal);
        Assert.Null(ItemOf(kenya, europe.CommitmentId));
        Assert.Null(ItemOf(kenya, draftOnly));

        var peru = await app.GetPageAsync("/countries/PER");
        Assert.Null(ItemOf(peru, eastAfrica.CommitmentId));
        Assert.Null(ItemOf(peru, kenyaByName.CommitmentId));

        var french = await app.GetPageAsync("/fr/countries/KEN");
        Assert.EndsWith("; régionale : couvre sa région Afrique orientale", Squeeze(ItemOf(french, eastAfrica.CommitmentId)!.TextContent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitmentPage_ShowsTheScopeOfTheApprovedReportBehindAnUpdate_InThePagesLanguage()
    {
        var reported = await ApprovedReportAsync(new GeographicScopeInput(GeographicScopeKind.National, null, ["PER", "KEN"]));

        var english = await app.GetPageAsync($"/commitments/{reported.CommitmentId}");
        Assert.Equal("Geographic scope of the report: National: Kenya, Peru", Squeeze(Assert.Single(english.QuerySelectorAll("ol.history p.report-scope")).TextContent));
        var french = await app.GetPageAsync($"/fr/commitments/{reported.CommitmentId}");
        Assert.Equal("Portée géographique du rapport : Nationale : Kenya, Pérou", Squeeze(Assert.Single(french.QuerySelectorAll("ol.history p.report-scope")).TextContent));
    }

    [Fact]
    public async Task ReviewPage_ShowsTheReportsScopeBesideTheCommitments_InThePagesLanguage()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        var submitted = await app.SubmittedReportAsync(contributor, commitmentId, WsisTrackerFactory.OnTrack(30) with { Scope = new GeographicScopeInput(GeographicScopeKind.National, null, ["PER", "KEN"]) });
        using var reviewer = await app.CreateClientAsAsync(Core.Accounts.StaffRoles.Secretariat);

        var english = await reviewer.GetPageAsync($"/workspace/reviews/{submitted.Id}");
        var row = english.QuerySelectorAll("table.report-compare tr").Single(r => r.QuerySelector("th")?.TextContent == "Geographic scope");
        Assert.Equal(["Global", "National: Kenya, Peru"], row.QuerySelectorAll("td.scope").Select(td => Squeeze(td.TextContent)));
        var french = await reviewer.GetPageAsync($"/fr/workspace/reviews/{submitted.Id}");
        var frenchRow = french.QuerySelectorAll("table.report-compare tr").Single(r => r.QuerySelector("th")?.TextContent == "Portée géographique");
        Assert.Equal("Nationale : Kenya, Pérou", Squeeze(frenchRow.QuerySelectorAll("td.scope")[1].TextContent));
    }

    private static AngleSharp.Dom.IElement? ItemOf(AngleSharp.Html.Dom.IHtmlDocument page, int commitmentId) =>
        page.QuerySelectorAll("section[aria-labelledby=reports] li").SingleOrDefault(li => li.QuerySelector("a")?.GetAttribute("href")?.EndsWith($"/commitments/{commitmentId}", StringComparison.Ordinal) == true);

    private async Task<ProgressReportDetail> OpenReportAsync(Contributor contributor, int commitmentId)
    {
        var context = await app.ReportsAsync(r => r.GetReportingContextAsync(contributor.Principal, commitmentId, CancellationToken.None));
        return context.Value!.OpenReport!;
    }

    /// <summary>A report with <paramref name="scope"/> on a new commitment, drafted only; answers the commitment's id.</summary>
    private async Task<int> DraftReportAsync(GeographicScopeInput scope)
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        await app.DraftReportAsync(await app.CreateContributorAsync(slug), commitmentId, WsisTrackerFactory.OnTrack(20) with { Scope = scope });
        return commitmentId;
    }

    /// <summary>A report with <paramref name="scope"/> on a new commitment, submitted and approved.</summary>
    private async Task<(int CommitmentId, string Title, string Stakeholder)> ApprovedReportAsync(GeographicScopeInput scope)
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var submitted = await app.SubmittedReportAsync(await app.CreateContributorAsync(slug), commitmentId, WsisTrackerFactory.OnTrack(20) with { Scope = scope });
        var approved = await app.ReportsAsync(r => r.ApproveAsync(WsisTrackerFactory.Reviewer(), submitted.Id, submitted.Version, CancellationToken.None));
        Assert.True(approved.Succeeded, approved.Error?.Message);
        return (commitmentId, submitted.CommitmentTitle, submitted.StakeholderName);
    }

    private static string Squeeze(string text) => WhiteSpace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
