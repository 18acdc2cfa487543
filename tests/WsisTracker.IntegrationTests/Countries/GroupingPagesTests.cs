using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;
using WsisTracker.IntegrationTests.Languages;

namespace WsisTracker.IntegrationTests.Countries;

/// <summary>
/// The secretariat's page of a country's grouping memberships (<c>/workspace/countries/{iso3}</c>): what it adds, ends
/// and removes is what the public API reads, a bad period is refused beside its field with nothing stored, and only
/// editors reach it.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class GroupingPagesTests(WsisTrackerFactory app)
{
    // Anguilla is in no grouping, and years before the M49 records touch no count another test reads.
    private const string Country = "AIA";

    private async Task<bool> IsLldcOnAsync(string day) =>
        (await app.GetJsonAsync<JsonElement>($"/api/v1/countries?grouping=lldc&asOf={day}"))
            .GetProperty("countries").EnumerateArray().Any(c => c.GetProperty("iso3").GetString() == Country);

    private Task<List<int>> MembershipsWithSourceAsync(string source) =>
        app.WithDbAsync(db => db.GroupingMemberships.AsNoTracking().Where(m => m.CountryIso3 == Country && m.Source == source).Select(m => m.Id).ToListAsync());

    private Task RemoveAsync(string source) =>
        app.WithDbAsync(db => db.GroupingMemberships.Where(m => m.CountryIso3 == Country && m.Source == source).ExecuteDeleteAsync());

    private static string FieldError(AngleSharp.Html.Dom.IHtmlDocument page, string id) =>
        page.QuerySelector($"#{id}")!.ParentElement!.QuerySelector(".field-error")!.TextContent.Trim();

    [Fact]
    public async Task AMembershipAddedOnThePage_IsReadByTheApiWithinItsDates_ThenEndedAndRemoved_AllAudited()
    {
        var source = $"Grouping page test {Guid.NewGuid():N}";
        try
        {
            using var secretariat = await app.CreateClientAsAsync(StaffRoles.Secretariat);
            var page = await secretariat.GetPageAsync($"/workspace/countries/{Country}");
            Assert.False(await IsLldcOnAsync("1911-06-01"));

            using var added = await secretariat.SubmitAsync(page, $"/workspace/countries/{Country}/memberships", new Dictionary<string, object?>
            {
                ["Grouping"] = "lldc",
                ["From"] = "1911-01-01",
                ["To"] = "1913-01-01",
                ["Source"] = source,
            });

            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
            Assert.Equal($"/workspace/countries/{Country}", added.Headers.Location!.OriginalString);
            Assert.False(await IsLldcOnAsync("1910-12-31"));
            Assert.True(await IsLldcOnAsync("1911-01-01"));
            Assert.True(await IsLldcOnAsync("1912-12-31"));
            Assert.False(await IsLldcOnAsync("1913-01-01"));
            var id = Assert.Single(await MembershipsWithSourceAsync(source));
            var shown = await secretariat.GetPageAsync($"/workspace/countries/{Country}");
            Assert.Contains("Membership added: Landlocked developing countries (LLDC), from 1 January 1911", shown.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
            Assert.Contains(source, shown.QuerySelector($"#membership-{id}")!.TextContent, StringComparison.Ordinal);

            using var ended = await secretariat.SubmitAsync(shown, $"/workspace/countries/{Country}/memberships/{id}/end", new Dictionary<string, object?> { ["To"] = "1912-01-01" });

            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
            Assert.True(await IsLldcOnAsync("1911-12-31"));
            Assert.False(await IsLldcOnAsync("1912-06-01"));

            using var removed = await secretariat.SubmitAsync(await secretariat.GetPageAsync($"/workspace/countries/{Country}"), $"/workspace/countries/{Country}/memberships/{id}/remove");

            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
            Assert.False(await IsLldcOnAsync("1911-06-01"));
            Assert.Empty(await MembershipsWithSourceAsync(source));
            var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
                .Where(e => e.EntityType == "GroupingMembership" && e.EntityKey == $"{{\"Id\":{id}}}").OrderBy(e => e.Id).Select(e => new { e.Action, e.Actor }).ToListAsync());
            Assert.Equal(["Added", "Modified", "Deleted"], audited.Select(e => e.Action));
            Assert.All(audited, e => Assert.Equal(secretariat.Login!.Email, e.Actor));
        }
        finally
        {
            await RemoveAsync(source);
        }
    }

    [Fact]
    public async Task ABadPeriod_IsRefusedBesideItsField_AndNothingIsStored()
    {
        var source = $"Grouping page test {Guid.NewGuid():N}";
        try
        {
            using var secretariat = await app.CreateClientAsAsync(StaffRoles.Secretariat);
            var page = await secretariat.GetPageAsync($"/workspace/countries/{Country}");

            using var backwards = await secretariat.SubmitAsync(page, $"/workspace/countries/{Country}/memberships", new Dictionary<string, object?>
            {
                ["Grouping"] = "sids",
                ["From"] = "1921-01-01",
                ["To"] = "1920-01-01",
                ["Source"] = source,
            });

            Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
            var refused = await PageClient.ParseAsync(backwards);
            Assert.Equal("The end date must be after the start date.", FieldError(refused, "To"));
            Assert.Equal("1921-01-01", refused.QuerySelector("#From")!.GetAttribute("value"));
            Assert.Equal("sids", refused.QuerySelector("#Grouping option[selected]")!.GetAttribute("value"));
            Assert.Empty(await MembershipsWithSourceAsync(source));

            using var noGrouping = await secretariat.SubmitAsync(page, $"/workspace/countries/{Country}/memberships", new Dictionary<string, object?> { ["Grouping"] = "", ["Source"] = source });

            Assert.Equal(HttpStatusCode.BadRequest, noGrouping.StatusCode);
            Assert.Equal("Choose a grouping: ldc, lldc or sids.", FieldError(await PageClient.ParseAsync(noGrouping), "Grouping"));
            Assert.Empty(await MembershipsWithSourceAsync(source));
        }
        finally
        {
            await RemoveAsync(source);
        }
    }

    [Fact]
    public async Task EndingBeforeItsStart_IsRefusedInThatMembershipsForm_AndTheMembershipIsUnchanged()
    {
        using var secretariat = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var bhutan = await app.WithDbAsync(db => db.GroupingMemberships.AsNoTracking().SingleAsync(m => m.CountryIso3 == "BTN" && m.GroupingCode == "lldc"));
        var page = await secretariat.GetPageAsync("/fr/workspace/countries/BTN");

        using var refused = await secretariat.SubmitAsync(page, $"/fr/workspace/countries/BTN/memberships/{bhutan.Id}/end", new Dictionary<string, object?> { ["To"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var shown = await PageClient.ParseAsync(refused);
        Assert.Equal("Indiquez le jour où l'appartenance prend fin.", FieldError(shown, $"end-{bhutan.Id}-To"));
        Assert.Equal("", FieldError(shown, "To"));
        var after = await app.WithDbAsync(db => db.GroupingMemberships.AsNoTracking().SingleAsync(m => m.Id == bhutan.Id));
        Assert.Equal((bhutan.From, bhutan.To, bhutan.Source, bhutan.Version), (after.From, after.To, after.Source, after.Version));
    }

    [Theory]
    [InlineData("/workspace/countries")]
    [InlineData("/workspace/countries/KEN")]
    [InlineData("/admin/indicators/import")]
    public async Task ThePages_ForAnonymousReaders_SendToSignIn(string url)
    {
        using var anonymous = app.CreatePageClient();

        using var response = await anonymous.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePages_ForAContributor_AreDenied_AndTheirFormsChangeNothing()
    {
        var (slug, _) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        using var client = await app.SignInAsync(contributor.Login);
        var source = $"Grouping page test {Guid.NewGuid():N}";

        foreach (var url in new[] { "/workspace/countries", $"/workspace/countries/{Country}", "/admin/indicators/import" })
        {
            using var response = await client.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        // With a valid antiforgery token of a page the contributor may open.
        var own = await client.GetPageAsync("/contribute/commitments/propose");
        using var posted = await client.Http.PostAsync($"/workspace/countries/{Country}/memberships", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = own.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
            ["Grouping"] = "ldc",
            ["From"] = "1931-01-01",
            ["Source"] = source,
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.StartsWith("/account/denied", posted.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Empty(await MembershipsWithSourceAsync(source));
    }

    [Fact]
    public async Task TheIndicatorImport_ForTheSecretariat_IsDenied()
    {
        using var secretariat = await app.CreateClientAsAsync(StaffRoles.Secretariat);

        using var response = await secretariat.Http.GetAsync("/admin/indicators/import");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePages_InThePseudoLocale_ShowOnlyResourceText()
    {
        using var secretariat = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        foreach (var url in new[] { "/qps/workspace/countries", "/qps/workspace/countries/BTN", $"/qps/workspace/countries/{Country}" })
        {
            var page = await secretariat.GetPageAsync(url);
            Assert.Equal(WsisTracker.Web.Infrastructure.Cultures.Pseudo, page.DocumentElement.GetAttribute("lang"));
            Assert.Empty(PseudoLocale.Untranslated(page.Body!));
        }

        var form = await secretariat.GetPageAsync("/qps/workspace/countries/BTN");
        using var refused = await secretariat.SubmitAsync(form, "/qps/workspace/countries/BTN/memberships", new Dictionary<string, object?> { ["Grouping"] = "sids", ["From"] = "1941-01-01", ["To"] = "1940-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = await PageClient.ParseAsync(refused);
        Assert.NotEqual("", FieldError(errors, "To"));
        Assert.Empty(PseudoLocale.Untranslated(errors.Body!));

        // The public page links a signed-in editor to the maintenance page.
        var publicPage = await secretariat.GetPageAsync("/countries/BTN");
        Assert.NotNull(publicPage.QuerySelector("a[href='/workspace/countries/BTN']"));
        Assert.Null((await app.GetPageAsync("/countries/BTN")).QuerySelector("a[href='/workspace/countries/BTN']"));
    }
}
