using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Reports;
using WsisTracker.IntegrationTests.Infrastructure;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.IntegrationTests.Languages;

/// <summary>
/// The account, contribute and countries pages, read in the pseudo-locale (/qps/...), signed in where they need it,
/// show no visible text that did not come from the resources (docs/languages.md); a contribute form's errors read in
/// French.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AccountTranslationTests(WsisTrackerFactory app)
{
    private static void AssertTranslated(AngleSharp.Html.Dom.IHtmlDocument page)
    {
        Assert.Equal(Cultures.Pseudo, page.DocumentElement.GetAttribute("lang"));
        Assert.Empty(PseudoLocale.Untranslated(page.Body!));
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/account/invitation?token=not-a-token", HttpStatusCode.NotFound)]
    [InlineData("/countries")]
    [InlineData("/countries?asOf=bogus", HttpStatusCode.BadRequest)]
    [InlineData("/countries/KEN")]
    [InlineData("/countries/BTN")]
    public async Task PublicAccountAndCountryPages_InThePseudoLocale_ShowOnlyResourceText(string url, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var client = app.CreatePageClient();
        AssertTranslated(await client.GetPageAsync("/qps" + url, status));
    }

    [Fact]
    public async Task ContributorPages_InThePseudoLocale_ShowOnlyResourceText()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        await app.DraftReportAsync(contributor, commitmentId, new ReportInput(CommitmentStatus.OnTrack, 40, "Pilots started.", ["https://example.org/pilots"], DateOnly.FromDateTime(DateTime.UtcNow), null));
        using var client = await app.SignInAsync(contributor.Login);

        foreach (var url in new[] { "/contribute", "/contribute/commitments/propose", $"/contribute/commitments/{commitmentId}/report", "/account", "/account/logout", "/account/denied", "/account/two-factor" })
        {
            AssertTranslated(await client.GetPageAsync("/qps" + url));
        }
    }

    [Fact]
    public async Task SignInAndTwoFactorPages_InThePseudoLocale_ShowOnlyResourceText()
    {
        var newcomer = await app.CreateUserAsync(StaffRoles.Administrator);
        using (var first = app.CreatePageClient())
        {
            using var signedIn = await first.TrySignInAsync(newcomer.Email, newcomer.Password);
            var setup = await first.GetPageAsync("/qps/account/two-factor");
            AssertTranslated(setup);
            var key = setup.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
            using var enabled = await first.SubmitAsync(setup, "/qps/account/two-factor", new Dictionary<string, object?> { ["Code"] = WsisTracker.TestSupport.Totp.Code(key) });
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
            var recoveryCodes = await PageClient.ParseAsync(enabled);
            Assert.NotEmpty(recoveryCodes.QuerySelectorAll(".recovery-codes code"));
            AssertTranslated(recoveryCodes);
        }

        var login = await app.CreateUserAsync(StaffRoles.Administrator);
        using (var enrolled = await app.SignInAsync(login))
        {
            AssertTranslated(await enrolled.GetPageAsync("/qps/account/two-factor"));
        }

        using var again = app.CreatePageClient();
        using var password = await again.TrySignInAsync(login.Email, login.Password);
        Assert.StartsWith("/account/login/code", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        AssertTranslated(await again.GetPageAsync("/qps" + password.Headers.Location.OriginalString));
    }

    [Fact]
    public async Task InvitationPage_InThePseudoLocale_ShowsOnlyResourceText()
    {
        CreatedInvitation invitation;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<Invitations>().CreateAsync($"invited-{Guid.NewGuid():N}@example.org", StaffRoles.Contributor, ["itu"], "integration-tests", CancellationToken.None);
            Assert.True(created.Succeeded, created.Error?.Message);
            invitation = created.Value!;
        }

        using var client = app.CreatePageClient();
        AssertTranslated(await client.GetPageAsync($"/qps/account/invitation?token={invitation.Token}"));
    }

    [Fact]
    public async Task ReportForm_InFrench_ShowsItsValidationErrorsInFrench()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        using var client = await app.SignInAsync(contributor.Login);
        var url = $"/fr/contribute/commitments/{commitmentId}/report";
        var form = await client.GetPageAsync(url);
        Assert.Contains(form.QuerySelectorAll("h2"), h => h.TextContent == "Nouveau rapport");

        using var response = await client.SubmitAsync(form, url, new Dictionary<string, object?> { ["ProgressPercent"] = "beaucoup", ["AsOf"] = "" }, "Intent=draft");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageClient.ParseAsync(response);
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        string Error(string field) => page.QuerySelector($"#{field}")!.ParentElement!.QuerySelector(".field-error")!.TextContent;
        Assert.Contains("La valeur « beaucoup » n'est pas valide", Error("ProgressPercent"), StringComparison.Ordinal);
        Assert.Equal("Indiquez la date à laquelle se rapporte l'avancement déclaré.", Error("AsOf"));
    }

    [Fact]
    public async Task ProposalForm_InFrench_ShowsTheRulesMessagesInFrench()
    {
        var (slug, _) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        using var client = await app.SignInAsync(contributor.Login);
        const string url = "/fr/contribute/commitments/propose";
        var form = await client.GetPageAsync(url);

        using var response = await client.SubmitAsync(form, url, new Dictionary<string, object?> { ["Title"] = " ", ["Description"] = "Une description.", ["Paragraphs"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await PageClient.ParseAsync(response);
        string Error(string field) => page.QuerySelector($"#{field}")!.ParentElement!.QuerySelector(".field-error")!.TextContent.Trim();
        Assert.Equal("Obligatoire.", Error("Title"));
        Assert.Equal("Citez au moins un paragraphe d'une résolution.", Error("Paragraphs"));
    }
}
