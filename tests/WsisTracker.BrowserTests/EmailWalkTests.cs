using Microsoft.Playwright;
using WsisTracker.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WsisTracker.BrowserTests;

/// <summary>An administrator opens the e-mail outbox and turns their own reminders off in Chromium; axe-core checks each page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EmailWalkTests(BrowserApp app)
{
    [Fact]
    public async Task AdministratorOpensTheOutbox_ThenTurnsTheirRemindersOffOnTheAccountPage()
    {
        var (context, page, _) = await app.NewSignedInAdministratorPageAsync();
        await using var _ = context;

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Outbox" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("E-mail outbox");
        await page.AssertNoViolationsAsync(app);

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Account" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your account");
        await page.AssertNoViolationsAsync(app);
        var reminders = page.GetByLabel("Send me reminders by e-mail");
        await Expect(reminders).ToBeCheckedAsync();
        await reminders.UncheckAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("Reminders by e-mail are off");
        await Expect(page.GetByLabel("Send me reminders by e-mail")).Not.ToBeCheckedAsync();
        await page.AssertNoViolationsAsync(app);

        await page.GetByLabel("E-mail language").SelectOptionAsync("fr");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save the language" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Your e-mails will be written in Français.");
        await Expect(page.GetByLabel("E-mail language")).ToHaveValueAsync("fr");
        await page.AssertNoViolationsAsync(app);
    }
}
