using WsisTracker.BrowserTests.Infrastructure;

namespace WsisTracker.BrowserTests;

/// <summary>A reader switches language on a commitment page and stays on it; the Arabic and Chinese pages, public and staff, pass axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageWalkTests(BrowserApp app)
{
    [Fact]
    public async Task SwitchingLanguageOnACommitmentPage_StaysOnIt()
    {
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;

        await page.GotoAsync("/commitments?resolution=a-res-70-125&paragraph=71");
        await page.Locator("table.commitments tbody tr td:first-child a").First.ClickAsync();
        await page.WaitForPageAsync("**/commitments/*");
        var path = new Uri(page.Url).AbsolutePath;
        var title = await page.Locator("h1").InnerTextAsync();

        await page.Locator("nav.languages a[hreflang=ar]").ClickAsync();
        await page.WaitForPageAsync("**/ar" + path);
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        Assert.Equal(title, await page.Locator("h1").InnerTextAsync());
        await page.AssertNoViolationsAsync(app);

        await page.Locator("nav.languages a[hreflang=zh]").ClickAsync();
        await page.WaitForPageAsync("**/zh" + path);
        Assert.Equal("zh", await page.Locator("html").GetAttributeAsync("lang"));
        await page.AssertNoViolationsAsync(app);

        await page.Locator("nav.languages a[hreflang=en]").ClickAsync();
        await page.WaitForPageAsync("http*://*" + path);
        Assert.Equal(path, new Uri(page.Url).AbsolutePath);
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("zh")]
    public async Task PublicPagesInArabicAndChinese_PassAxe(string language)
    {
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;

        foreach (var url in new[] { "/", "/commitments", "/action-lines/C7", "/resolutions/a-res-70-125", "/stakeholders", "/search?q=internet", "/commitments/987654321" })
        {
            await page.GotoAsync($"/{language}{url}");
            Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
            await page.AssertNoViolationsAsync(app);
        }
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("zh")]
    public async Task StaffPagesInArabicAndChinese_PassAxe(string language)
    {
        // An administrator signs in and turns two-factor sign-in on, as every administrator must.
        var (context, page, _) = await app.NewSignedInAdministratorPageAsync();
        await using var _ = context;

        foreach (var url in new[] { "/workspace", "/workspace/stakeholders", "/workspace/stakeholders/new", "/workspace/cycles", "/workspace/reviews", "/workspace/csv", "/workspace/countries", "/workspace/countries/BTN", "/admin/users", "/admin/audit", "/admin/outbox", "/admin/resolutions/import", "/admin/indicators/import", "/account" })
        {
            await page.GotoAsync($"/{language}{url}");
            Assert.Equal($"/{language}{url}", new Uri(page.Url).AbsolutePath);
            Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
            await page.AssertNoViolationsAsync(app);
        }
    }
}
