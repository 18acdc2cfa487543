using Microsoft.Playwright;
using WsisTracker.BrowserTests.Infrastructure;
using WsisTracker.Core.Accounts;
using static Microsoft.Playwright.Assertions;

namespace WsisTracker.BrowserTests;

/// <summary>
/// The secretariat opens a reporting cycle through the real form in Chromium, follows it, closes it, and a visitor reads
/// its final report; axe-core checks the cycles page, the cycle's page, the report and the dashboard's reporting status.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportingCycleWalkTests(BrowserApp app)
{
    [Fact]
    public async Task SecretariatOpensAndClosesACycle_AVisitorReadsItsFinalReport()
    {
        var editor = await app.CreateStaffUserAsync(StaffRoles.Secretariat);
        var marker = Guid.NewGuid().ToString("N")[..10];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (staffContext, staff) = await app.NewPageAsync();
        await using var _ = staffContext;
        await staff.GotoAsync("/account/login");
        await staff.SignInAsync(editor);

        await staff.GotoAsync("/workspace/cycles");
        await Expect(staff.Locator("h1")).ToHaveTextAsync("Reporting cycles");
        await staff.AssertNoViolationsAsync(app);
        await staff.GetByLabel("Name").FillAsync($"Browser cycle {marker}");
        await staff.GetByLabel("Opens on").FillAsync(today.AddDays(-7).ToString("yyyy-MM-dd"));
        await staff.GetByLabel("Reports due on").FillAsync(today.AddDays(21).ToString("yyyy-MM-dd"));
        await staff.GetByLabel("Resolution").SelectOptionAsync("a-res-80-173");
        await staff.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Open the cycle" }).ClickAsync();
        await staff.WaitForPageAsync("**/workspace/cycles/*");

        await Expect(staff.Locator("h1")).ToHaveTextAsync($"Browser cycle {marker}");
        await Expect(staff.Locator("p.notice")).ToContainTextAsync("opened");
        await staff.AssertNoViolationsAsync(app);
        var reportHref = await staff.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Draft report" }).GetAttributeAsync("href");

        await staff.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Close the cycle" }).ClickAsync();
        await staff.WaitForPageAsync("**/workspace/cycles/*");
        await Expect(staff.Locator("p.notice")).ToContainTextAsync("closed");
        await Expect(staff.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Close the cycle" })).ToHaveCountAsync(0);
        await staff.AssertNoViolationsAsync(app);

        var (visitorContext, visitor) = await app.NewPageAsync();
        await using var __ = visitorContext;
        await visitor.GotoAsync(reportHref!);
        await Expect(visitor.Locator("h1")).ToHaveTextAsync($"Browser cycle {marker}");
        await Expect(visitor.Locator("p.lead")).ToContainTextAsync("Final");
        await Expect(visitor.Locator("figure.chart figcaption").First).ToHaveTextAsync("Response rate by action line");
        await visitor.AssertNoViolationsAsync(app);

        await visitor.GotoAsync("/");
        await Expect(visitor.Locator("#reporting")).ToHaveTextAsync("Reporting status");
        await visitor.AssertNoViolationsAsync(app);
        await visitor.GotoAsync("/commitments?reportingStatus=notApplicable");
        await visitor.AssertNoViolationsAsync(app);
    }
}
