using System.Net;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Reports;

/// <summary>The contributor's and the reviewer's pages over HTTP: the whole journey, the scope, and two reviewers at once.</summary>
[Collection(AppCollection.Name)]
public sealed class ContributorPagesTests(WsisTrackerFactory app)
{
    private static Dictionary<string, object?> Report(int percent, string narrative) => new()
    {
        ["Status"] = "OnTrack",
        ["ProgressPercent"] = percent.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Narrative"] = narrative,
        ["EvidenceLinks"] = "https://example.org/report",
        ["Scope.Kind"] = "National",
        ["Scope.Countries"] = "KEN, BRA",
    };

    [Fact]
    public async Task DraftSubmitReturnReviseApprove_ThroughThePages_PublishesUnderTheOrganisationsNameOnly()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        using var author = await app.SignInAsync(contributor.Login);
        using var reviewer = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var reportUrl = $"/contribute/commitments/{commitmentId}/report";

        var home = await author.GetPageAsync("/contribute");
        Assert.Contains(home.QuerySelectorAll("a"), a => a.GetAttribute("href") == reportUrl);
        var form = await author.GetPageAsync(reportUrl);
        using (var saved = await author.SubmitAsync(form, reportUrl, Report(30, "Pilots in two countries."), "Intent=draft"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        form = await author.GetPageAsync(reportUrl);
        Assert.Contains("Your open report: draft", form.Body!.TextContent, StringComparison.Ordinal);
        using (var submitted = await author.SubmitAsync(form, reportUrl, null, "Intent=submit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        var queue = await reviewer.GetPageAsync($"/workspace/reviews?stakeholder={slug}");
        var link = Assert.Single(queue.QuerySelectorAll("a"), a => a.GetAttribute("href")?.StartsWith("/workspace/reviews/", StringComparison.Ordinal) == true).GetAttribute("href")!;
        var review = await reviewer.GetPageAsync(link);
        using (var returned = await reviewer.SubmitAsync(review, $"{link}/return", new Dictionary<string, object?> { ["Comment"] = "Name the two countries in the narrative." }))
        {
            Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        }

        form = await author.GetPageAsync(reportUrl);
        Assert.Contains("Name the two countries in the narrative.", form.Body!.TextContent, StringComparison.Ordinal);
        using (var resubmitted = await author.SubmitAsync(form, reportUrl, Report(35, "Pilots in Kenya and Brazil."), "Intent=submit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, resubmitted.StatusCode);
        }

        review = await reviewer.GetPageAsync(link);
        Assert.Contains("Pilots in Kenya and Brazil.", review.Body!.TextContent, StringComparison.Ordinal);
        using (var approved = await reviewer.SubmitAsync(review, $"{link}/approve"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        var stakeholderName = (await app.WithDbAsync(db => Task.FromResult(db.Stakeholders.Single(s => s.Slug == slug)))).Name;
        var stakeholderId = await app.WithDbAsync(db => Task.FromResult(db.Stakeholders.Single(s => s.Slug == slug).Id));
        using var anonymous = app.CreateClient();
        var publicPage = await anonymous.GetStringAsync($"/commitments/{commitmentId}");
        Assert.Contains("Pilots in Kenya and Brazil.", publicPage, StringComparison.Ordinal);
        Assert.Contains(stakeholderName, publicPage, StringComparison.Ordinal);
        var stakeholderPage = await app.GetPageAsync($"/stakeholders/{stakeholderId}");
        Assert.Contains("Pilots in Kenya and Brazil.", stakeholderPage.QuerySelector("#reported")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var feed = await anonymous.GetStringAsync($"/commitments/{commitmentId}/feed");
        Assert.Contains(stakeholderName, feed, StringComparison.Ordinal);
        foreach (var surface in new[] { publicPage, feed, stakeholderPage.DocumentElement.OuterHtml })
        {
            Assert.DoesNotContain(contributor.Login.Email, surface, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(reviewer.Login!.Email, surface, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Pilots in two countries.", surface, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AContributor_GetsNotFoundOutsideTheirStakeholders_AndIsDeniedTheWorkspaceAndTheReviews()
    {
        var (_, commitmentId) = await app.CreateLedCommitmentAsync();
        var (otherSlug, _) = await app.CreateLedCommitmentAsync();
        var outsider = await app.CreateContributorAsync(otherSlug);
        using var client = await app.SignInAsync(outsider.Login);

        using var report = await client.Http.GetAsync($"/contribute/commitments/{commitmentId}/report");
        Assert.Equal(HttpStatusCode.NotFound, report.StatusCode);
        foreach (var url in new[] { "/workspace", "/workspace/reviews", $"/workspace/commitments/{commitmentId}" })
        {
            using var denied = await client.Http.GetAsync(url);
            Assert.True(denied.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect && denied.Headers.Location?.OriginalString.StartsWith("/account/login", StringComparison.Ordinal) != true,
                $"{url} answered {(int)denied.StatusCode} {denied.Headers.Location}");
        }

        using var secretariat = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        using var notForEditors = await secretariat.Http.GetAsync("/contribute");
        Assert.NotEqual(HttpStatusCode.OK, notForEditors.StatusCode);
    }

    [Fact]
    public async Task TwoReviewersActingOnOneReport_OneWins_TheOtherSeesAConflict_AndNothingIsLost()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        var submitted = await app.SubmittedReportAsync(contributor, commitmentId, WsisTrackerFactory.OnTrack(30));
        using var first = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        using var second = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var url = $"/workspace/reviews/{submitted.Id}";
        var firstPage = await first.GetPageAsync(url);
        var secondPage = await second.GetPageAsync(url);

        using var approved = await first.SubmitAsync(firstPage, $"{url}/approve");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        using var returned = await second.SubmitAsync(secondPage, $"{url}/return", new Dictionary<string, object?> { ["Comment"] = "Too late." });
        Assert.Equal(HttpStatusCode.Conflict, returned.StatusCode);
        var conflict = await PageClient.ParseAsync(returned);
        Assert.Contains("approved", conflict.QuerySelector(".conflict")!.TextContent, StringComparison.Ordinal);

        var after = await app.ReportsAsync(r => r.GetAsync(WsisTrackerFactory.Reviewer(), submitted.Id, CancellationToken.None));
        Assert.Equal(Core.Reports.ReportState.Approved, after.Value!.State);
        Assert.Single(await app.ProgressUpdatesOfAsync(commitmentId));
    }
}
