using System.Xml.Linq;
using Microsoft.Playwright;
using WsisTracker.BrowserTests.Infrastructure;

namespace WsisTracker.BrowserTests;

/// <summary>A visitor with no account walks the public pages in Chromium; axe-core checks each page on the way.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WalkTests(BrowserApp app)
{
    [Fact]
    public async Task DashboardToActionLineToCommitmentToReaderAnchor()
    {
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;

        await page.GotoAsync("/");
        Assert.Equal("WSIS Tracker dashboard", await page.Locator("h1").InnerTextAsync());
        await page.AssertNoViolationsAsync(app);

        await page.GetByText("Data table: Average progress by action line").ClickAsync();
        await page.Locator("figure.chart table a", new PageLocatorOptions { HasTextString = "C5 " }).First.ClickAsync();
        await page.WaitForPageAsync("**/action-lines/C5");
        Assert.StartsWith("C5", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync(app);

        await page.Locator("table.commitments tbody tr td:first-child a").First.ClickAsync();
        await page.WaitForPageAsync("**/commitments/*");
        Assert.NotNull(await page.Locator("figure.source blockquote").First.TextContentAsync());
        await page.AssertNoViolationsAsync(app);

        var source = page.Locator("figure.source figcaption a").First;
        var href = await source.GetAttributeAsync("href");
        await source.ClickAsync();
        await page.WaitForPageAsync("**/resolutions/**");
        var anchor = href![(href!.IndexOf('#', StringComparison.Ordinal) + 1)..];
        Assert.EndsWith("#" + anchor, page.Url, StringComparison.Ordinal);
        Assert.True(await page.Locator($"article#{anchor}").EvaluateAsync<bool>("e => e.matches(':target')"));
        Assert.True(await page.Locator($"article#{anchor}").IsVisibleAsync());
        await page.AssertNoViolationsAsync(app);
    }

    [Fact]
    public async Task FiltersPagingAndCsvDownload()
    {
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;

        await page.GotoAsync("/commitments");
        await page.AssertNoViolationsAsync(app);
        await page.Locator("#f-resolution").SelectOptionAsync("a-res-70-125");
        await page.Locator("#f-overdue").SelectOptionAsync("true");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Apply" }).ClickAsync();
        await page.WaitForPageAsync("**/commitments?*overdue=true*");
        Assert.Contains("resolution=a-res-70-125", page.Url, StringComparison.Ordinal);
        var rows = page.Locator("table.commitments tbody tr");
        Assert.True(await rows.CountAsync() > 0);
        foreach (var row in await rows.AllAsync())
        {
            Assert.Contains("overdue", await row.InnerTextAsync(), StringComparison.Ordinal);
        }

        await page.AssertNoViolationsAsync(app);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByText("Download this view as CSV").ClickAsync());
        Assert.Equal("commitments.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,code,title,status,", lines[0], StringComparison.Ordinal);
        Assert.Equal(await rows.CountAsync() + 1, lines.Length);
        Assert.All(lines.Skip(1), line => Assert.Contains(",yes,", line, StringComparison.Ordinal));

        await page.GotoAsync("/commitments?resolution=a-res-80-173");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Next page" }).ClickAsync();
        await page.WaitForPageAsync("**page=2");
        Assert.Contains("Page 2 of", await page.Locator("p.result-count").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync(app);
    }

    [Fact]
    public async Task SearchHighlightsMatches()
    {
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;

        await page.GotoAsync("/search");
        await page.AssertNoViolationsAsync(app);
        await page.Locator("#q").FillAsync("internet governance forum");
        await page.Locator("#q").PressAsync("Enter");
        await page.WaitForPageAsync("**/search?q=*");
        Assert.True(await page.Locator("ol.hits mark").CountAsync() > 0);
        await page.AssertNoViolationsAsync(app);
    }

    [Fact]
    public async Task ReaderStakeholdersAndTheSecondResolution_PassAxe()
    {
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;

        foreach (var url in new[] { "/resolutions/a-res-70-125", "/resolutions/a-res-80-173#p99", "/?resolution=a-res-80-173", "/stakeholders", "/countries", "/countries/STP?asOf=2024-12-12", "/commitments?grouping=ldc", "/action-lines/C7", "/commitments?status=bogus", "/commitments/987654321" })
        {
            await page.GotoAsync(url);
            await page.AssertNoViolationsAsync(app);
        }

        await page.GotoAsync("/stakeholders");
        await page.Locator("ul.stakeholders a").First.ClickAsync();
        await page.WaitForPageAsync("**/stakeholders/*");
        await page.AssertNoViolationsAsync(app);
    }

    [Fact]
    public async Task FeedIsLinkedFromTheCommitmentPageAndServesAtom()
    {
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;

        await page.GotoAsync("/commitments?resolution=a-res-70-125&paragraph=71");
        await page.Locator("table.commitments tbody a").First.ClickAsync();
        await page.WaitForPageAsync("**/commitments/*");
        var feedHref = await page.Locator("link[rel=alternate][type='application/atom+xml'][href$='/feed']").Last.GetAttributeAsync("href");
        Assert.Matches("^/commitments/[0-9]+/feed$", feedHref);

        var response = await page.APIRequest.GetAsync(feedHref!);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/atom+xml", response.Headers["content-type"], StringComparison.Ordinal);
        var feed = XDocument.Parse(await response.TextAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Contains("A/RES/80/173", feed.Root!.Element(atom + "entry")!.Element(atom + "summary")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitmentPagePrints_WithoutNavigationAndWithItsSourceAndHistory()
    {
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/commitments?resolution=a-res-70-125&paragraph=71");
        await page.Locator("table.commitments tbody a").First.ClickAsync();
        await page.WaitForPageAsync("**/commitments/*");

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        Assert.False(await page.Locator("header.site-header").IsVisibleAsync());
        Assert.False(await page.Locator("footer.site-footer").IsVisibleAsync());
        Assert.True(await page.Locator("figure.source").First.IsVisibleAsync());
        Assert.True(await page.Locator("ol.history").IsVisibleAsync());
    }

    [Fact]
    public async Task KeyboardReachesTheSkipLinkFirst_AndItMovesFocusToTheContent()
    {
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;

        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        Assert.True(await page.Locator("a.skip-link").IsVisibleAsync());
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));
    }

    [Fact]
    public async Task Axe_FailsOnAPageWithAViolation()
    {
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => { const img = document.createElement('img'); img.src = '/missing.png'; document.querySelector('main').append(img); }");

        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => page.AssertNoViolationsAsync(app));

        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/commitments")]
    [InlineData("/resolutions/a-res-80-173")]
    public async Task At360PixelsWide_NothingScrollsSideways(string url)
    {
        var (context, page) = await app.NewPageAsync(width: 360, height: 740);
        await using var _ = context;

        await page.GotoAsync(url);

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), $"{url} is wider than 360 px");
        await page.AssertNoViolationsAsync(app);
    }
}
