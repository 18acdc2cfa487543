using Microsoft.Playwright;
using WsisTracker.BrowserTests.Infrastructure;
using WsisTracker.Core.Accounts;
using WsisTracker.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace WsisTracker.BrowserTests;

/// <summary>An administrator opens the e-mail outbox and turns their own reminders off in Chromium; axe-core checks each page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EmailWalkTests(BrowserApp app)
{
    [Fact]
    public async Task AdministratorOpensTheOutbox_ThenTurnsTheirRemindersOffOnTheAccountPage()
    {
        var admin = await app.CreateStaffUserAsync(StaffRoles.Administrator);
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email", new PageGetByLabelOptions { Exact = true }).FillAsync(admin.Email);
        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(admin.Password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/account/two-factor**");
        var key = (await page.Locator("#authenticator-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
        await page.GetByLabel("Code", new PageGetByLabelOptions { Exact = true }).FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Recovery codes");

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Outbox" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("E-mail outbox");
        await page.AssertNoViolationsAsync(app);

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Account" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your account");
        await page.AssertNoViolationsAsync(app);
        var reminders = page.GetByLabel("Send me reminders by e-mail");
        await Expect(reminders).ToBeCheckedAsync();
        await reminders.UncheckAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("Reminders by e-mail are off");
        await Expect(page.GetByLabel("Send me reminders by e-mail")).Not.ToBeCheckedAsync();
        await page.AssertNoViolationsAsync(app);
    }
}
