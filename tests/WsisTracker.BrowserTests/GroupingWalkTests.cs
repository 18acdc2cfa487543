using System.Text;
using Microsoft.Playwright;
using WsisTracker.BrowserTests.Infrastructure;
using WsisTracker.Core.Accounts;
using static Microsoft.Playwright.Assertions;

namespace WsisTracker.BrowserTests;

/// <summary>
/// A secretariat member maintains a country's grouping memberships through the real forms in Chromium, and an
/// administrator imports an indicator series (upload, preview, confirm); axe-core checks each page on the way,
/// including a form refused for its period.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GroupingWalkTests(BrowserApp app)
{
    [Fact]
    public async Task SecretariatAddsEndsAndRemovesAMembership_OnPagesThatPassAxe()
    {
        var editor = await app.CreateStaffUserAsync(StaffRoles.Secretariat);
        var source = $"Browser walk {Guid.NewGuid():N}";
        var (context, page) = await app.NewSignedInPageAsync(editor);
        await using var _ = context;

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Countries and groupings" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Countries and groupings");
        await page.AssertNoViolationsAsync(app);

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Anguilla", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Groupings of Anguilla");
        await page.AssertNoViolationsAsync(app);

        await page.GetByLabel("Grouping", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync("lldc");
        await page.GetByLabel("Member from", new PageGetByLabelOptions { Exact = true }).FillAsync("1951-01-01");
        await page.GetByLabel("Member until (the first day it no longer is; optional)").FillAsync("1950-01-01");
        await page.GetByLabel("Source (optional)", new PageGetByLabelOptions { Exact = true }).FillAsync(source);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add the membership" }).ClickAsync();
        await Expect(page.Locator(".field-error").Filter(new LocatorFilterOptions { HasTextString = "The end date must be after the start date." })).ToBeVisibleAsync();
        await page.AssertNoViolationsAsync(app);

        await page.GetByLabel("Member until (the first day it no longer is; optional)").FillAsync("1953-01-01");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add the membership" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("Membership added: Landlocked developing countries (LLDC)");
        var row = page.Locator("tr", new PageLocatorOptions { HasTextString = source });
        await Expect(row).ToHaveCountAsync(1);
        await page.AssertNoViolationsAsync(app);

        await row.GetByLabel("Ends on (the first day it no longer is a member)").FillAsync("1952-01-01");
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "End the membership" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("Membership ended");
        await Expect(page.Locator("tr", new PageLocatorOptions { HasTextString = source })).ToContainTextAsync("1 January 1952");

        await page.Locator("tr", new PageLocatorOptions { HasTextString = source }).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Remove (recorded by mistake)" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("Membership removed.");
        await Expect(page.Locator("tr", new PageLocatorOptions { HasTextString = source })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AdministratorImportsASeries_PreviewThenConfirm_OnPagesThatPassAxe()
    {
        var code = $"TEST.WALK.{Guid.NewGuid():N}"[..24].ToUpperInvariant();
        var (context, page, _) = await app.NewSignedInAdministratorPageAsync();
        await using var _ = context;

        await page.GotoAsync("/workspace");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Import an indicator series" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Import an indicator series");
        await page.AssertNoViolationsAsync(app);

        var csv = "Country Name,Country Code,Indicator Name,Indicator Code,2022,2023,\n"
            + $"Kenya,KEN,Mobile cellular subscriptions (per 100 people),{code},120.5,121.0,\n"
            + $"World,WLD,Mobile cellular subscriptions (per 100 people),{code},108.0,110.0,\n";
        await page.GetByLabel("CSV file (World Bank download format)").SetInputFilesAsync(new FilePayload { Name = "API_TEST.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Preview" }).ClickAsync();
        await Expect(page.Locator("#series-code")).ToHaveTextAsync(code);
        await Expect(page.Locator("#values")).ToHaveTextAsync("2");
        await page.AssertNoViolationsAsync(app);

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Confirm and store" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync($"Imported {code}: 2 values.");
        await page.AssertNoViolationsAsync(app);
    }
}
