using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Reporting;
using WsisTracker.IntegrationTests.Infrastructure;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.IntegrationTests.Languages;

/// <summary>
/// The workspace and administration pages, read in the pseudo-locale (/qps/...) as the secretariat and as an
/// administrator, show no visible text that did not come from the resources (docs/languages.md); a workspace form
/// answers in French and a save under /fr/ stays under /fr/.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StaffTranslationTests(WsisTrackerFactory app)
{
    private static void AssertTranslated(IHtmlDocument page)
    {
        Assert.Equal(Cultures.Pseudo, page.DocumentElement.GetAttribute("lang"));
        Assert.Empty(PseudoLocale.Untranslated(page.Body!));
    }

    /// <summary>Every workspace and administration page, with the data its placeholder names arranged by the test.</summary>
    [Theory]
    [InlineData(StaffRoles.Secretariat, "/workspace")]
    [InlineData(StaffRoles.Secretariat, "/workspace?status=OnTrack&resolution=a-res-70-125&page=2")]
    [InlineData(StaffRoles.Secretariat, "/workspace/commitments/new")]
    [InlineData(StaffRoles.Secretariat, "/workspace/commitments/{commitment}")]
    [InlineData(StaffRoles.Secretariat, "/workspace/commitments/{commitment}/edit")]
    [InlineData(StaffRoles.Secretariat, "/workspace/commitments/{commitment}/withdraw")]
    [InlineData(StaffRoles.Secretariat, "/workspace/commitments/{withdrawn}")]
    [InlineData(StaffRoles.Secretariat, "/workspace/commitments/{proposal}")]
    [InlineData(StaffRoles.Secretariat, "/workspace/stakeholders")]
    [InlineData(StaffRoles.Secretariat, "/workspace/stakeholders/new")]
    [InlineData(StaffRoles.Secretariat, "/workspace/stakeholders/{stakeholder}/edit")]
    [InlineData(StaffRoles.Secretariat, "/workspace/reviews")]
    [InlineData(StaffRoles.Secretariat, "/workspace/reviews?stakeholder=no-such-stakeholder")]
    [InlineData(StaffRoles.Secretariat, "/workspace/reviews/{review}")]
    [InlineData(StaffRoles.Secretariat, "/workspace/cycles")]
    [InlineData(StaffRoles.Secretariat, "/workspace/cycles/{cycle}")]
    [InlineData(StaffRoles.Secretariat, "/workspace/cycles/{closed-cycle}")]
    [InlineData(StaffRoles.Secretariat, "/workspace/csv")]
    [InlineData(StaffRoles.Secretariat, "/reporting-cycles/{cycle}/report")]
    [InlineData(StaffRoles.Secretariat, "/reporting-cycles/{closed-cycle}/report")]
    [InlineData(StaffRoles.Administrator, "/workspace")]
    [InlineData(StaffRoles.Administrator, "/admin/users")]
    [InlineData(StaffRoles.Administrator, "/admin/users/{user}")]
    [InlineData(StaffRoles.Administrator, "/admin/audit")]
    [InlineData(StaffRoles.Administrator, "/admin/audit?Action=Modified&page=2")]
    [InlineData(StaffRoles.Administrator, "/admin/outbox")]
    [InlineData(StaffRoles.Administrator, "/admin/outbox?state=Pending")]
    [InlineData(StaffRoles.Administrator, "/admin/resolutions/import")]
    public async Task StaffPage_InThePseudoLocale_ShowsOnlyResourceText(string role, string url)
    {
        url = await ArrangeAsync(url);
        using var client = await app.CreateClientAsAsync(role);

        AssertTranslated(await client.GetPageAsync("/qps" + url));
    }

    [Fact]
    public async Task FormAnswers_InThePseudoLocale_ShowOnlyResourceText()
    {
        using var client = await app.CreateClientAsAsync(StaffRoles.Administrator);

        // A rule's messages on a form, and conflicts with what someone else saved meanwhile.
        var cycles = await client.GetPageAsync("/qps/workspace/cycles");
        using (var refused = await client.SubmitAsync(cycles, "/qps/workspace/cycles", new Dictionary<string, object?> { ["Name"] = "", ["OpensOn"] = "", ["DueOn"] = "" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            AssertTranslated(await PageClient.ParseAsync(refused));
        }

        var commitment = await app.CreateCommitmentAsync();
        foreach (var (form, action) in new[]
        {
            ($"/qps/workspace/commitments/{commitment.Id}/edit", $"/qps/workspace/commitments/{commitment.Id}/edit"),
            ($"/qps/workspace/commitments/{commitment.Id}", $"/qps/workspace/commitments/{commitment.Id}/progress"),
            ($"/qps/workspace/commitments/{commitment.Id}/withdraw", $"/qps/workspace/commitments/{commitment.Id}/withdraw"),
        })
        {
            var page = await client.GetPageAsync(form);
            using var stale = await client.SubmitAsync(page, action, new Dictionary<string, object?> { ["Version"] = "1", ["Reason"] = "Superseded." });
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            var conflict = await PageClient.ParseAsync(stale);
            Assert.NotNull(conflict.QuerySelector(".conflict"));
            AssertTranslated(conflict);
        }

        var stakeholder = await app.CreateStakeholderAsync();
        var edit = await client.GetPageAsync($"/qps/workspace/stakeholders/{stakeholder.Id}/edit");
        using (var stale = await client.SubmitAsync(edit, $"/qps/workspace/stakeholders/{stakeholder.Id}/edit", new Dictionary<string, object?> { ["Version"] = "1" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            AssertTranslated(await PageClient.ParseAsync(stale));
        }

        // A notice after a save, on the page the save leads back to.
        using (var saved = await client.SubmitAsync(edit, $"/qps/workspace/stakeholders/{stakeholder.Id}/edit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal("/qps/workspace/stakeholders", saved.Headers.Location!.OriginalString);
            var list = await client.GetPageAsync(saved.Headers.Location.OriginalString);
            Assert.Contains(stakeholder.Name, list.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
            AssertTranslated(list);
        }

        // The CSV preview of the file as exported, and a resolution text with problems.
        var csv = await client.GetPageAsync("/qps/workspace/csv");
        var exported = await client.Http.GetStringAsync("/workspace/csv/commitments.csv");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(csv.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(exported)), "file", "commitments.csv" },
        };
        using (var preview = await client.Http.PostAsync("/qps/workspace/csv/preview", upload))
        {
            Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
            var page = await PageClient.ParseAsync(preview);
            Assert.NotNull(page.QuerySelector("#summary"));
            AssertTranslated(page);
        }

        var import = await client.GetPageAsync("/qps/admin/resolutions/import");
        using (var problems = await client.SubmitAsync(import, "/qps/admin/resolutions/import/preview", new Dictionary<string, object?> { ["text"] = "Not the text of a resolution." }))
        {
            Assert.Equal(HttpStatusCode.OK, problems.StatusCode);
            AssertTranslated(await PageClient.ParseAsync(problems));
        }

        var users = await client.GetPageAsync("/qps/admin/users");
        using (var invited = await client.SubmitAsync(users, "/qps/admin/users/invitations", new Dictionary<string, object?> { ["Email"] = $"invited-{Guid.NewGuid():N}@example.org", ["Role"] = StaffRoles.Secretariat }))
        {
            Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
            var page = await PageClient.ParseAsync(invited);
            Assert.NotNull(page.QuerySelector("#invitation-link"));
            AssertTranslated(page);
        }
    }

    [Fact]
    public async Task ProgressForm_InFrench_ShowsItsErrorsInFrench_AndASaveStaysInFrench()
    {
        var commitment = await app.CreateCommitmentAsync();
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var url = $"/fr/workspace/commitments/{commitment.Id}";
        var action = $"{url}/progress";
        var form = await client.GetPageAsync(url);
        Assert.Contains(form.QuerySelectorAll("h2"), h => h.TextContent == "Consigner l'avancement");
        string Error(IHtmlDocument page, string field) => page.QuerySelector($"#{field}")!.ParentElement!.QuerySelector(".field-error")!.TextContent.Trim();

        using (var badValue = await client.SubmitAsync(form, action, new Dictionary<string, object?> { ["ProgressPercent"] = "beaucoup" }))
        {
            Assert.Equal(HttpStatusCode.OK, badValue.StatusCode);
            var page = await PageClient.ParseAsync(badValue);
            Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
            Assert.Contains("La valeur « beaucoup » n'est pas valide", Error(page, "ProgressPercent"), StringComparison.Ordinal);
        }

        using (var refusedByTheRule = await client.SubmitAsync(form, action, new Dictionary<string, object?> { ["Status"] = nameof(CommitmentStatus.NotStarted), ["ProgressPercent"] = "40" }))
        {
            Assert.Equal(HttpStatusCode.OK, refusedByTheRule.StatusCode);
            Assert.Equal("Un engagement non commencé n'a pas d'avancement.", Error(await PageClient.ParseAsync(refusedByTheRule), "ProgressPercent"));
        }

        using var saved = await client.SubmitAsync(form, action, new Dictionary<string, object?> { ["Status"] = nameof(CommitmentStatus.OnTrack), ["ProgressPercent"] = "40", ["Note"] = "Premiers pilotes." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(url, saved.Headers.Location!.OriginalString);
        var after = await client.GetPageAsync(saved.Headers.Location.OriginalString);
        Assert.Equal("Avancement consigné : en bonne voie.", after.QuerySelector(".notice")!.TextContent);

        // A rule's message with a value written into it ("A commitment that is on track cannot go back to not
        // started.") comes in French too, the status in it as well.
        using var back = await client.SubmitAsync(after, action, new Dictionary<string, object?> { ["Status"] = nameof(CommitmentStatus.NotStarted), ["ProgressPercent"] = "", ["Note"] = "Retour." });
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal("Un engagement à l'état « en bonne voie » ne peut pas revenir à l'état « non commencé ».", Error(await PageClient.ParseAsync(back), "Status"));
    }

    [Fact]
    public async Task SignInUnderAFrenchPage_LandsOnTheFrenchPage()
    {
        var login = await app.CreateUserAsync(StaffRoles.Secretariat);
        using var client = app.CreatePageClient();
        using var asked = await client.Http.GetAsync("/fr/workspace/stakeholders");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var loginUrl = asked.Headers.Location!.PathAndQuery();
        Assert.StartsWith("/fr/account/login", loginUrl, StringComparison.Ordinal);

        var page = await client.GetPageAsync(loginUrl);
        var returnUrl = page.QuerySelector("input[name=ReturnUrl]")!.GetAttribute("value");
        using var signedIn = await client.SubmitAsync(page, page.Forms.Single(f => f.GetAttribute("action")!.EndsWith("/account/login", StringComparison.Ordinal)).GetAttribute("action")!,
            new Dictionary<string, object?> { ["Email"] = login.Email, ["Password"] = login.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/fr/workspace/stakeholders", returnUrl);
        Assert.Equal("/fr/workspace/stakeholders", signedIn.Headers.Location!.OriginalString);
    }

    /// <summary>Replaces a placeholder of <paramref name="url"/> with data the test creates.</summary>
    private async Task<string> ArrangeAsync(string url)
    {
        if (url.Contains("{commitment}", StringComparison.Ordinal))
        {
            url = url.Replace("{commitment}", (await app.CreateCommitmentAsync()).Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        if (url.Contains("{withdrawn}", StringComparison.Ordinal))
        {
            var commitment = await app.CreateCommitmentAsync();
            await app.RecordProgressAsync(commitment.Id, CommitmentStatus.OnTrack, 30, "Pilots started.", ["https://example.org/pilots"]);
            var current = await WithServiceAsync<CommitmentReads, Core.Common.Result<CommitmentDetail>>(r => r.GetAsync(commitment.Id, CancellationToken.None));
            var withdrawn = await WithServiceAsync<CommitmentWrites, Core.Common.Result<CommitmentDetail>>(w =>
                w.WithdrawAsync(commitment.Id, "Superseded by a joint programme.", current.Value!.Version, CancellationToken.None));
            Assert.True(withdrawn.Succeeded, withdrawn.Error?.Message);
            url = url.Replace("{withdrawn}", Id(commitment.Id), StringComparison.Ordinal);
        }

        if (url.Contains("{proposal}", StringComparison.Ordinal))
        {
            var stakeholder = await app.CreateStakeholderAsync();
            var proposed = await WithServiceAsync<CommitmentWrites, Core.Common.Result<CommitmentDetail>>(w => w.ProposeAsync(stakeholder.Id, new CommitmentInput(
                $"Proposed {Guid.NewGuid():N}", "Proposed by a test.", [new ParagraphKey("a-res-70-125", 63)], ["C1"], [stakeholder.Slug], [], new DateOnly(2030, 12, 31), null, null, []), CancellationToken.None));
            Assert.True(proposed.Succeeded, proposed.Error?.Message);
            url = url.Replace("{proposal}", Id(proposed.Value!.Id), StringComparison.Ordinal);
        }

        if (url.Contains("{stakeholder}", StringComparison.Ordinal))
        {
            url = url.Replace("{stakeholder}", Id((await app.CreateStakeholderAsync()).Id), StringComparison.Ordinal);
        }

        if (url.Contains("{review}", StringComparison.Ordinal))
        {
            var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
            var contributor = await app.CreateContributorAsync(slug);
            var report = await app.SubmittedReportAsync(contributor, commitmentId, WsisTrackerFactory.OnTrack(40, "Pilots in three districts.", ["KEN"]));
            url = url.Replace("{review}", Id(report.Id), StringComparison.Ordinal);
        }

        if (url.Contains("{cycle}", StringComparison.Ordinal) || url.Contains("{closed-cycle}", StringComparison.Ordinal))
        {
            var (slug, commitmentId) = await app.CreateLedCommitmentAsync("C3");
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var cycle = await WithServiceAsync<ReportingCycles, Core.Common.Result<ReportingCycleSummary>>(c =>
                c.OpenAsync(new OpenCycleInput($"Cycle {Guid.NewGuid():N}", today.AddDays(-30), today.AddDays(-1), null, null, slug), CancellationToken.None));
            Assert.True(cycle.Succeeded, cycle.Error?.Message);
            await app.RecordProgressAsync(commitmentId, CommitmentStatus.OnTrack, 50, "Late but done.");
            if (url.Contains("{closed-cycle}", StringComparison.Ordinal))
            {
                var closed = await WithServiceAsync<ReportingCycles, Core.Common.Result<ReportingCycleSummary>>(c => c.CloseAsync(cycle.Value!.Id, cycle.Value.Version, CancellationToken.None));
                Assert.True(closed.Succeeded, closed.Error?.Message);
            }

            url = url.Replace("{cycle}", Id(cycle.Value!.Id), StringComparison.Ordinal).Replace("{closed-cycle}", Id(cycle.Value.Id), StringComparison.Ordinal);
        }

        if (url.Contains("{user}", StringComparison.Ordinal))
        {
            url = url.Replace("{user}", (await app.CreateContributorAsync("itu")).UserId, StringComparison.Ordinal);
        }

        return url;
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<TResult> WithServiceAsync<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("integration-tests", ActorKind.System);
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }
}

file static class UriPaths
{
    /// <summary>The path and query of a redirect, whether the server wrote it absolute or relative.</summary>
    public static string PathAndQuery(this Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}
