using Microsoft.Playwright;
using WsisTracker.BrowserTests.Infrastructure;
using WsisTracker.Core.Accounts;
using WsisTracker.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace WsisTracker.BrowserTests;

/// <summary>An administrator's first sign-in sets up two-factor sign-in in Chromium; axe-core checks each page on the way.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoFactorWalkTests(BrowserApp app)
{
    [Fact]
    public async Task AdministratorSetsUpTwoFactor_ThenSignsInWithTheCode()
    {
        var admin = await app.CreateStaffUserAsync(StaffRoles.Administrator);
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;

        await page.GotoAsync("/account/login");
        await FillPasswordAsync(page, admin);
        await page.WaitForURLAsync("**/account/two-factor**");
        await page.AssertNoViolationsAsync(app);
        var key = (await page.Locator("#authenticator-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
        await page.GetByLabel("Code", new PageGetByLabelOptions { Exact = true }).FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Recovery codes");
        await page.AssertNoViolationsAsync(app);
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Continue to the workspace" }).ClickAsync();
        await page.WaitForURLAsync("**/workspace");

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Sign out {admin.Email}" }).ClickAsync();
        await page.GotoAsync("/account/login");
        await FillPasswordAsync(page, admin);
        await page.WaitForURLAsync("**/account/login/code**");
        await page.AssertNoViolationsAsync(app);
        await page.GetByLabel("Code", new PageGetByLabelOptions { Exact = true }).FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/workspace");
        await page.GotoAsync("/admin/users");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Users");
    }

    private static async Task FillPasswordAsync(IPage page, StaffLogin login)
    {
        await page.GetByLabel("Email", new PageGetByLabelOptions { Exact = true }).FillAsync(login.Email);
        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(login.Password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
    }
}
