using Microsoft.Playwright;
using WsisTracker.BrowserTests.Infrastructure;
using WsisTracker.Core.Accounts;
using static Microsoft.Playwright.Assertions;

namespace WsisTracker.BrowserTests;

/// <summary>
/// A contributor invited by an administrator opens the link in Chromium, sets their own password, signs in and
/// proposes a voluntary commitment of their organisation through the real forms; axe-core checks every page, and a
/// visitor then does not find the proposal. A contributor's report makes the whole review journey through the real
/// forms (draft, submit, returned with a comment, revised, approved), axe-core on the contributor's and the reviewer's
/// pages, and the visitor finds it under the organisation's name only.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContributorWalkTests(BrowserApp app)
{
    [Fact]
    public async Task InvitedContributor_SetsTheirPassword_SignsIn_AndProposesACommitmentTheVisitorDoesNotSee()
    {
        var email = $"invited-{Guid.NewGuid():N}@example.org";
        var password = $"correct horse {Guid.NewGuid():N}";
        var link = await app.CreateInvitationAsync(email, StaffRoles.Contributor, ["itu"]);
        var title = $"Proposed in the browser {Guid.NewGuid():N}";
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;

        await page.GotoAsync(link);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Accept your invitation");
        await page.AssertNoViolationsAsync(app);
        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(password);
        await page.GetByLabel("Password again").FillAsync(password + "x");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Set my password" }).ClickAsync();
        await Expect(page.Locator(".field-error", new PageLocatorOptions { HasText = "The two passwords are not the same." })).ToHaveCountAsync(1);
        await page.AssertNoViolationsAsync(app);
        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(password);
        await page.GetByLabel("Password again").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Set my password" }).ClickAsync();
        await page.WaitForPageAsync("**/account/login?invited=1");

        await page.GetByLabel("Email", new PageGetByLabelOptions { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        for (var i = 0; i < 1200 && page.Url.Contains("/account/login", StringComparison.Ordinal); i++)
        {
            await Task.Delay(25);
        }

        await page.GotoAsync("/contribute/commitments/propose");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Propose a commitment");
        await page.AssertNoViolationsAsync(app);
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Description").FillAsync("A commitment proposed by its organisation in a browser test.");
        await page.GetByLabel("Resolution paragraphs it answers").FillAsync("a-res-80-173:99");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Propose" }).ClickAsync();
        await Expect(page.Locator(".field-error").Filter(new LocatorFilterOptions { HasText = "action line" })).ToHaveCountAsync(1);
        await page.AssertNoViolationsAsync(app);

        await page.Locator("input[name=ActionLines][value=C4]").CheckAsync();
        await page.GetByLabel("Partners").SelectOptionAsync(["unesco"]);
        await page.GetByLabel("Target date").FillAsync("2030-12-31");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Propose" }).ClickAsync();
        await page.WaitForPageAsync("**/contribute/commitments/propose");
        await Expect(page.Locator("p.notice")).ToContainTextAsync(title);
        await page.AssertNoViolationsAsync(app);

        var (visitorContext, visitor) = await app.NewPageAsync();
        await using var __ = visitorContext;
        await visitor.GotoAsync($"/commitments?q={Uri.EscapeDataString(title)}");
        await Expect(visitor.Locator("table a", new PageLocatorOptions { HasText = title })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ContributorReports_ReviewerReturnsWithAComment_ContributorRevises_ReviewerApproves_AndTheVisitorSeesTheOrganisation()
    {
        var commitment = await app.CreateCommitmentAsync();
        var contributor = await app.CreateContributorAsync("itu");
        var reviewer = await app.CreateStaffUserAsync(StaffRoles.Secretariat);
        var marker = Guid.NewGuid().ToString("N");
        var firstNarrative = $"Pilots in two countries {marker}";
        var revisedNarrative = $"Pilots in Kenya and Brazil {marker}";
        var comment = $"Name the two countries {marker}";
        var reportUrl = $"/contribute/commitments/{commitment.Id}/report";
        var (context, author) = await app.NewPageAsync();
        await using var _ = context;
        await author.GotoAsync("/account/login");
        await author.GetByLabel("Email", new PageGetByLabelOptions { Exact = true }).FillAsync(contributor.Email);
        await author.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(contributor.Password);
        await author.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await author.WaitForPageAsync("**/contribute");
        await Expect(author.Locator("h1")).ToHaveTextAsync("Your commitments");
        await author.AssertNoViolationsAsync(app);

        await author.Locator($"a[href='{reportUrl}']").ClickAsync();
        await author.WaitForPageAsync($"**{reportUrl}");
        await author.AssertNoViolationsAsync(app);
        await author.GetByLabel("Status", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync("OnTrack");
        await author.GetByLabel("Progress (%)").FillAsync("30");
        await author.GetByLabel("Narrative: what was done, and why any setback").FillAsync(firstNarrative);
        await author.GetByLabel("Evidence links (one per line)").FillAsync("https://example.org/evidence/pilots");
        await author.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save draft" }).ClickAsync();
        await Expect(author.Locator("p.notice")).ToContainTextAsync("Draft saved.");
        await author.AssertNoViolationsAsync(app);
        await author.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Submit for review" }).ClickAsync();
        await Expect(author.Locator("p.notice")).ToContainTextAsync("Report submitted.");

        var (reviewerContext, review) = await app.NewSignedInPageAsync(reviewer);
        await using var __ = reviewerContext;
        await review.GotoAsync("/workspace/reviews?stakeholder=itu");
        await Expect(review.Locator("h1")).ToHaveTextAsync("Reports to review");
        await review.AssertNoViolationsAsync(app);
        await review.Locator("a[href^='/workspace/reviews/']", new PageLocatorOptions { HasTextString = commitment.Title }).First.ClickAsync();
        await review.WaitForPageAsync("**/workspace/reviews/*");
        await Expect(review.Locator("main")).ToContainTextAsync(firstNarrative);
        await review.AssertNoViolationsAsync(app);
        await review.GetByLabel("Comment for the contributor (what to change)").FillAsync(comment);
        await review.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Return with comment" }).ClickAsync();
        await review.WaitForPageAsync("**/workspace/reviews*");
        await review.AssertNoViolationsAsync(app);

        await author.GotoAsync(reportUrl);
        await Expect(author.Locator("p.notice", new PageLocatorOptions { HasTextString = "Returned by the secretariat" })).ToContainTextAsync(comment);
        await author.AssertNoViolationsAsync(app);
        await author.GetByLabel("Narrative: what was done, and why any setback").FillAsync(revisedNarrative);
        await author.GetByLabel("Progress (%)").FillAsync("35");
        await author.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Submit for review" }).ClickAsync();
        await Expect(author.Locator("p.notice")).ToContainTextAsync("Report submitted.");

        await review.GotoAsync("/workspace/reviews?stakeholder=itu");
        await review.Locator("a[href^='/workspace/reviews/']", new PageLocatorOptions { HasTextString = commitment.Title }).First.ClickAsync();
        await review.WaitForPageAsync("**/workspace/reviews/*");
        await Expect(review.Locator("main")).ToContainTextAsync(revisedNarrative);
        await review.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Approve" }).ClickAsync();
        await review.WaitForPageAsync("**/workspace/reviews*");
        await review.AssertNoViolationsAsync(app);

        var (visitorContext, visitor) = await app.NewPageAsync();
        await using var ___ = visitorContext;
        await visitor.GotoAsync($"/commitments/{commitment.Id}");
        var latest = visitor.Locator("ol.history > li").First;
        await Expect(latest).ToContainTextAsync(revisedNarrative);
        await Expect(latest).ToContainTextAsync("Recorded by International Telecommunication Union");
        await Expect(visitor.Locator("body")).Not.ToContainTextAsync(contributor.Email);
        await Expect(visitor.Locator("body")).Not.ToContainTextAsync(reviewer.Email);
        await Expect(visitor.Locator("body")).Not.ToContainTextAsync(firstNarrative);
        var feed = await visitor.APIRequest.GetAsync($"/commitments/{commitment.Id}/feed");
        Assert.Equal(200, feed.Status);
        var atom = await feed.TextAsync();
        Assert.Contains(revisedNarrative, atom, StringComparison.Ordinal);
        Assert.Contains("International Telecommunication Union", atom, StringComparison.Ordinal);
        Assert.DoesNotContain(contributor.Email, atom, StringComparison.OrdinalIgnoreCase);
        await visitor.GotoAsync("/");
        await Expect(visitor.Locator("section[aria-labelledby=recent] ul.updates li", new PageLocatorOptions { HasTextString = commitment.Title })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AnAnnexedResolution_ReaderPassesAxe_AndAnAnnexSubParagraphAnchorIsTheTarget()
    {
        var slug = await app.ImportCorpusResolutionAsync("A-RES-80-3.txt");
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;

        await page.GotoAsync($"/resolutions/{slug}#annex-p13");
        await Expect(page.Locator("#annex-p13")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector(':target')?.id === 'annex-p13'"));
        await page.AssertNoViolationsAsync(app);
    }
}
