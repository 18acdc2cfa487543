using Microsoft.Playwright;
using WsisTracker.BrowserTests.Infrastructure;
using WsisTracker.Core.Accounts;
using static Microsoft.Playwright.Assertions;

namespace WsisTracker.BrowserTests;

/// <summary>
/// A contributor invited by an administrator opens the link in Chromium, sets their own password, signs in and
/// proposes a voluntary commitment of their organisation through the real forms; axe-core checks every page, and a
/// visitor then does not find the proposal.
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
}
