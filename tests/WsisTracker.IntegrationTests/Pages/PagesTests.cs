using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using WsisTracker.Core.Commitments;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Pages;

[Collection(AppCollection.Name)]
public sealed class PagesTests(WsisTrackerFactory app)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Theory]
    [InlineData("/")]
    [InlineData("/?resolution=a-res-80-173")]
    [InlineData("/action-lines/C5")]
    [InlineData("/action-lines/C7")]
    [InlineData("/resolutions/a-res-70-125")]
    [InlineData("/resolutions/a-res-80-173")]
    [InlineData("/commitments")]
    [InlineData("/stakeholders")]
    [InlineData("/countries")]
    [InlineData("/countries?asOf=2023-12-12")]
    [InlineData("/countries/BTN")]
    [InlineData("/commitments?region=002&grouping=ldc")]
    [InlineData("/search?q=internet")]
    public async Task EveryPage_HasOneH1ALanguageASkipLinkAndTheAllUpdatesFeed(string url)
    {
        var page = await app.GetPageAsync(url);

        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("#main", page.QuerySelector("a.skip-link")?.GetAttribute("href"));
        Assert.NotNull(page.GetElementById("main"));
        Assert.Contains(page.QuerySelectorAll("link[rel=alternate][type='application/atom+xml']"), l => l.GetAttribute("href") == "/feed");
        Assert.Empty(page.QuerySelectorAll("script"));
    }

    [Theory]
    [InlineData("/action-lines/C99")]
    [InlineData("/resolutions/a-res-1-1")]
    [InlineData("/commitments/987654321")]
    [InlineData("/stakeholders/987654321")]
    [InlineData("/countries/XYZ")]
    public async Task UnknownKey_IsANotFoundPage(string url)
    {
        var page = await app.GetPageAsync(url, HttpStatusCode.NotFound);

        Assert.Equal("Not found", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("was not found", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/commitments/987654321/feed")]
    [InlineData("/action-lines/C99/feed")]
    public async Task UnknownFeed_IsNotFound(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_ShowsTotalsChartsWithDataTablesAndTheResolutionFilter()
    {
        var page = await app.GetPageAsync("/?resolution=a-res-70-125");

        Assert.Equal("a-res-70-125", page.QuerySelector("select#resolution option[selected]")?.GetAttribute("value"));
        var charts = page.QuerySelectorAll("figure.chart");
        Assert.Equal(4, charts.Length);
        Assert.All(charts, chart =>
        {
            Assert.Equal("img", chart.QuerySelector("svg")?.GetAttribute("role"));
            // Each bar of the chart is a row of its data table, with the same value.
            var rows = chart.QuerySelectorAll("table tbody tr");
            var values = chart.QuerySelectorAll("svg text.chart-value").Select(t => t.TextContent).ToList();
            Assert.Equal(rows.Select(r => r.QuerySelector("td")!.TextContent), values);
            Assert.Equal(rows.Length, chart.QuerySelectorAll("svg text.chart-label").Length);
            Assert.Equal(rows.Length, chart.QuerySelectorAll("svg rect.bar-fill").Length);
        });
        var lineTable = charts[1].QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("th")!.TextContent.Trim()).ToList();
        Assert.Contains(lineTable, l => l.StartsWith("C5 ", StringComparison.Ordinal));
        Assert.Contains(lineTable, l => l.StartsWith("C7.1 ", StringComparison.Ordinal));
        Assert.Contains("Data last changed", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("time[datetime]"));
    }

    [Fact]
    public async Task Dashboard_CountsACommitmentUnderC7AndASubLineOnceForC7_LikeTheList()
    {
        var stamp = Guid.NewGuid().ToString("N")[..8];
        await app.CreateCommitmentAsync($"Sub-line {stamp}", "Under C7 and C7.4.", new ParagraphKey("a-res-70-125", 31), "C7", moreActionLines: ["C7.4"]);

        var dashboard = await app.GetPageAsync("/");
        var list = await app.GetPageAsync("/commitments?actionLine=C7");

        var c7 = dashboard.QuerySelectorAll("#by-action-line-title ~ details tbody tr, figure.chart tbody tr")
            .First(r => r.QuerySelector("th a")?.GetAttribute("href") == "/action-lines/C7").QuerySelector("td")!.TextContent;
        var listed = list.QuerySelector("p.result-count")!.TextContent.Split(' ')[0];
        Assert.Equal(listed, Regex.Match(c7, "^[0-9]+ %, ([0-9]+) commitments?").Groups[1].Value);
    }

    [Fact]
    public async Task Dashboard_OverdueListHoldsACommitmentWhoseTargetPassed_AndNotOneThatWasAchieved()
    {
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var lapsed = await app.CreateCommitmentAsync($"Lapsed {stamp}", "A target in the past.", new ParagraphKey("a-res-70-125", 30), targetDate: new DateOnly(2001, 1, 1));
        var done = await app.CreateCommitmentAsync($"Done {stamp}", "A target in the past, achieved.", new ParagraphKey("a-res-70-125", 30), targetDate: new DateOnly(2001, 1, 1));
        await app.RecordProgressAsync(done, CommitmentStatus.Achieved, 100);

        var overdue = await app.GetPageAsync($"/commitments?overdue=true&q={stamp}");
        var titles = Titles(overdue);

        Assert.Equal([$"Lapsed {stamp}"], titles);
        Assert.Contains("overdue", overdue.QuerySelector("table.commitments tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([$"Done {stamp}"], Titles(await app.GetPageAsync($"/commitments?overdue=false&q={stamp}")));
        var detail = await app.GetPageAsync($"/commitments/{lapsed}");
        Assert.NotNull(detail.QuerySelector("dl.facts .overdue"));
        Assert.Null((await app.GetPageAsync($"/commitments/{done}")).QuerySelector("dl.facts .overdue"));
    }

    [Fact]
    public async Task CommitmentList_FiltersByActionLineStatusStakeholderParagraphAndText()
    {
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var target = await app.CreateCommitmentAsync($"Filter target {stamp}", "Under C3, led by UNESCO.", new ParagraphKey("a-res-70-125", 33), "C3", "unesco");
        await app.CreateCommitmentAsync($"Filter other {stamp}", "Under C5, led by ITU.", new ParagraphKey("a-res-70-125", 34), "C5", "itu");
        await app.RecordProgressAsync(target, CommitmentStatus.OnTrack, 20);

        Assert.Equal([$"Filter target {stamp}"], Titles(await app.GetPageAsync($"/commitments?q={stamp}&actionLine=C3")));
        Assert.Equal([$"Filter target {stamp}"], Titles(await app.GetPageAsync($"/commitments?q={stamp}&status=onTrack")));
        Assert.Equal([$"Filter target {stamp}"], Titles(await app.GetPageAsync($"/commitments?q={stamp}&stakeholder=unesco")));
        Assert.Equal([$"Filter target {stamp}"], Titles(await app.GetPageAsync($"/commitments?q={stamp}&resolution=a-res-70-125&paragraph=33")));
        Assert.Equal([$"Filter other {stamp}", $"Filter target {stamp}"], Titles(await app.GetPageAsync($"/commitments?q={stamp}&sort=Title")));
        var page = await app.GetPageAsync($"/commitments?q={stamp}&status=onTrack");
        Assert.Equal("onTrack", page.QuerySelector("select#f-status option[selected]")?.GetAttribute("value"));
        Assert.Equal(stamp, page.QuerySelector<IHtmlInputElement>("input#f-q")?.Value);
    }

    [Fact]
    public async Task CommitmentList_BadFilter_Is400WithTheErrorNextToTheField()
    {
        var page = await app.GetPageAsync("/commitments?status=finished", HttpStatusCode.BadRequest);

        Assert.NotNull(page.QuerySelector("#e-status.field-error"));
        Assert.Equal("e-status", page.QuerySelector("select#f-status")?.GetAttribute("aria-describedby"));
        Assert.Null(page.QuerySelector("table.commitments"));
    }

    [Fact]
    public async Task CommitmentList_PagesKeepTheFiltersInTheLinks()
    {
        var first = await app.GetPageAsync("/commitments?resolution=a-res-80-173");
        var next = first.QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href");

        Assert.Equal("/commitments?resolution=a-res-80-173&page=2", next);
        Assert.Equal(25, Titles(first).Count);
        var second = await app.GetPageAsync(next!);
        Assert.Equal("/commitments?resolution=a-res-80-173", second.QuerySelector("nav.pager a[rel=prev]")?.GetAttribute("href"));
        Assert.Empty(Titles(first).Intersect(Titles(second)));
    }

    [Fact]
    public async Task CsvExport_HoldsTheFilteredView_WithFormulasNeutralised()
    {
        var stamp = Guid.NewGuid().ToString("N")[..8];
        await app.CreateCommitmentAsync($"=HYPERLINK(\"http://evil\") {stamp}", "Formula, quoted.", new ParagraphKey("a-res-70-125", 35));
        await app.CreateCommitmentAsync($"Plain, with comma {stamp}", "Plain.", new ParagraphKey("a-res-70-125", 35));
        var list = await app.GetPageAsync($"/commitments?q={stamp}&sort=Title");
        var exportLink = list.QuerySelector("a[download]")?.GetAttribute("href");
        Assert.Equal($"/commitments/export?q={stamp}&sort=Title", exportLink);

        using var client = app.CreateClient();
        using var response = await client.GetAsync(exportLink);
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("commitments.csv", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,code,title,status,", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.Contains($",\"'=HYPERLINK(\"\"http://evil\"\") {stamp}\",notStarted,", lines[1], StringComparison.Ordinal);
        Assert.Contains($",\"Plain, with comma {stamp}\",notStarted,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_ListsTheFirstCitingCommitments_AndCountsAndLinksTheRest()
    {
        using var writer = await app.CreateWriterAsync();
        for (var i = 0; i <= WsisTracker.Core.Resolutions.ResolutionService.CitationsShown; i++)
        {
            await app.SeedCommitmentAsync(writer, $"reader cap {i}");
        }

        var citing = await app.WithDbAsync(db => Task.FromResult(db.Set<WsisTracker.Core.Commitments.CommitmentParagraph>()
            .Count(l => l.Paragraph!.Number == 99 && l.Paragraph.Kind == WsisTracker.Core.Resolutions.ParagraphKind.Operative && l.Paragraph.Resolution!.Slug == "a-res-80-173"
                && db.Commitments.Any(c => c.Id == l.CommitmentId))));

        var p99 = (await app.GetPageAsync("/resolutions/a-res-80-173")).GetElementById("p99")!;

        Assert.Equal(WsisTracker.Core.Resolutions.ResolutionService.CitationsShown, p99.QuerySelectorAll(".cited-by li").Length);
        var more = p99.QuerySelector(".cited-more a")!;
        Assert.Equal("/commitments?resolution=a-res-80-173&paragraph=99", more.GetAttribute("href"));
        Assert.Contains($"all {citing} commitments", more.TextContent, StringComparison.Ordinal);
        Assert.StartsWith($"{citing - WsisTracker.Core.Resolutions.ResolutionService.CitationsShown} more", p99.QuerySelector(".cited-more")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_HasAnAnchorOnEveryParagraph_FootnoteLinks_CitingCommitmentsAndCoverage()
    {
        var page = await app.GetPageAsync("/resolutions/a-res-80-173");

        var operative = page.QuerySelectorAll("article.paragraph[id^=p]").Where(a => !a.Id!.StartsWith("pp", StringComparison.Ordinal)).ToList();
        Assert.Equal(127, operative.Count);
        Assert.Equal(Enumerable.Range(1, 127).Select(n => $"p{n}"), operative.Select(a => a.Id));
        Assert.Equal(8, page.QuerySelectorAll("article.paragraph[id^=pp]").Length);
        Assert.NotNull(page.GetElementById("pp1"));
        var footnoteLinks = page.QuerySelectorAll("article.paragraph sup a[href^='#fn']");
        Assert.NotEmpty(footnoteLinks);
        Assert.All(footnoteLinks, link => Assert.NotNull(page.GetElementById(link.GetAttribute("href")![1..])));
        var p99 = page.GetElementById("p99")!;
        Assert.Contains(p99.QuerySelectorAll(".cited-by a"), a => a.GetAttribute("href")!.StartsWith("/commitments/", StringComparison.Ordinal));
        var coverage = page.GetElementById("coverage")!.ParentElement!.QuerySelectorAll("ul.coverage a").Select(a => a.GetAttribute("href")).ToList();
        Assert.DoesNotContain("#p99", coverage);
        Assert.All(coverage, href => Assert.Contains("No commitment cites", page.GetElementById(href![1..])!.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CommitmentPage_QuotesItsSourceWithAReaderLink_AndShowsLineageBothWays()
    {
        var ids = await app.WithDbAsync(db => Task.FromResult(
            db.Commitments.Where(c => c.Paragraphs.Any(p => p.Paragraph!.Number == 63 && p.Paragraph.Resolution!.Slug == "a-res-70-125") && c.Code.StartsWith("70-125")
                    && db.Set<CommitmentLineage>().Any(l => l.EarlierCommitmentId == c.Id))
                .OrderBy(c => c.Id).Select(c => c.Id).ToList()));
        var igf = ids.First();

        var page = await app.GetPageAsync($"/commitments/{igf}");

        Assert.Equal("/resolutions/a-res-70-125#p63", page.QuerySelector("#source ~ figure figcaption a, figure.source figcaption a")?.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("figure.source blockquote"));
        var continuedBy = page.QuerySelectorAll("#lineage ~ ul a, section[aria-labelledby=lineage] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.NotEmpty(continuedBy);
        var later = await app.GetPageAsync(continuedBy[0]!);
        Assert.Contains(later.QuerySelectorAll("section[aria-labelledby=lineage] a"), a => a.GetAttribute("href") == $"/commitments/{igf}");
        Assert.Contains(page.QuerySelectorAll("link[rel=alternate]"), l => l.GetAttribute("href") == $"/commitments/{igf}/feed");
        Assert.Contains(page.QuerySelectorAll("link[rel=stylesheet]"), l => l.GetAttribute("media") == "print");
    }

    [Fact]
    public async Task CommitmentPage_ShowsTheHistoryWithNotesAndEvidence()
    {
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var id = await app.CreateCommitmentAsync($"History {stamp}", "History.", new ParagraphKey("a-res-70-125", 36));
        await app.RecordProgressAsync(id, CommitmentStatus.OnTrack, 40, $"Note {stamp}", ["https://example.org/evidence"]);

        var page = await app.GetPageAsync($"/commitments/{id}");

        var history = page.QuerySelector("ol.history")!;
        Assert.Contains($"Note {stamp}", history.TextContent, StringComparison.Ordinal);
        Assert.Contains("on track", history.TextContent, StringComparison.Ordinal);
        Assert.NotNull(history.QuerySelector("a[href='https://example.org/evidence']"));
        Assert.Contains("40 %", page.QuerySelector("dl.facts")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feeds_AreValidAtomWithTheRequiredElements()
    {
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var id = await app.CreateCommitmentAsync($"Feed {stamp}", "Feed.", new ParagraphKey("a-res-70-125", 37), "C4");
        await app.RecordProgressAsync(id, CommitmentStatus.AtRisk, 10, $"Feed note {stamp}");

        foreach (var url in new[] { "/feed", "/action-lines/C4/feed", $"/commitments/{id}/feed" })
        {
            using var client = app.CreateClient();
            using var response = await client.GetAsync(url);
            Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
            var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;

            Assert.Equal(Atom + "feed", feed.Name);
            Assert.False(string.IsNullOrWhiteSpace(feed.Element(Atom + "id")?.Value));
            Assert.False(string.IsNullOrWhiteSpace(feed.Element(Atom + "title")?.Value));
            Assert.True(DateTimeOffset.TryParse(feed.Element(Atom + "updated")?.Value, out _));
            Assert.NotNull(feed.Element(Atom + "author")?.Element(Atom + "name"));
            Assert.Contains(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self" && ((string?)l.Attribute("href"))!.EndsWith(url, StringComparison.Ordinal));
            var entry = feed.Elements(Atom + "entry").FirstOrDefault(e => e.Element(Atom + "summary")!.Value.Contains($"Feed note {stamp}", StringComparison.Ordinal));
            Assert.NotNull(entry);
            Assert.StartsWith("urn:wsis-tracker:progress-update:", entry.Element(Atom + "id")!.Value, StringComparison.Ordinal);
            Assert.Contains($"Feed {stamp}", entry.Element(Atom + "title")!.Value, StringComparison.Ordinal);
            Assert.True(DateTimeOffset.TryParse(entry.Element(Atom + "updated")?.Value, out _));
            Assert.EndsWith($"/commitments/{id}", (string?)entry.Element(Atom + "link")?.Attribute("href"), StringComparison.Ordinal);
        }

        using var other = app.CreateClient();
        var c5 = XDocument.Parse(await other.GetStringAsync("/action-lines/C5/feed")).Root!;
        Assert.DoesNotContain(c5.Elements(Atom + "entry"), e => e.Element(Atom + "summary")!.Value.Contains($"Feed note {stamp}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_RanksTheBetterMatchFirst_AndHighlightsMatches()
    {
        var stamp = "zq" + Guid.NewGuid().ToString("N")[..8];
        var strong = await app.CreateCommitmentAsync($"{stamp} {stamp} observatory", $"The {stamp} observatory tracks {stamp} {stamp}.", new ParagraphKey("a-res-70-125", 38));
        var weak = await app.CreateCommitmentAsync("Observatory of something else", $"Mentions {stamp} once among many other words about other matters entirely.", new ParagraphKey("a-res-70-125", 38));

        var page = await app.GetPageAsync($"/search?q={stamp}");

        var hits = page.GetElementById("hits-commitments")!.ParentElement!.QuerySelectorAll("ol.hits > li").ToList();
        Assert.Equal([$"/commitments/{strong}", $"/commitments/{weak}"], hits.Select(h => h.QuerySelector("a")!.GetAttribute("href")));
        Assert.All(hits, h => Assert.Contains(h.QuerySelectorAll("mark"), m => m.TextContent == stamp));
    }

    [Fact]
    public async Task Search_FindsParagraphsWithLinksToTheirAnchors()
    {
        var page = await app.GetPageAsync("/search?q=%22permanent+forum%22");

        var hits = page.GetElementById("hits-paragraphs")!.ParentElement!.QuerySelectorAll("ol.hits > li a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/resolutions/a-res-80-173#p99", hits);
        Assert.NotEmpty(page.QuerySelectorAll("ol.hits mark"));
    }

    [Fact]
    public async Task Search_EncodesMarkupInTheQueryAndTheText()
    {
        var page = await app.GetPageAsync("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");

        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Equal("<script>alert(1)</script>", page.QuerySelector<IHtmlInputElement>("input#q")?.Value);
    }

    [Fact]
    public async Task Stakeholders_ListByGroup_AndAProfileListsItsCommitments()
    {
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var id = await app.CreateCommitmentAsync($"Stakeholder {stamp}", "For the profile.", new ParagraphKey("a-res-70-125", 39), "C1", "unesco");
        var list = await app.GetPageAsync("/stakeholders");
        Assert.Contains(list.QuerySelectorAll("h2"), h => h.TextContent == "International organizations");
        var unesco = list.QuerySelectorAll("ul.stakeholders a").First(a => a.TextContent.Contains("UNESCO", StringComparison.Ordinal) || a.TextContent.Contains("Educational", StringComparison.Ordinal));

        var profile = await app.GetPageAsync(unesco.GetAttribute("href")!);

        Assert.Contains(profile.QuerySelectorAll("table.commitments a"), a => a.GetAttribute("href") == $"/commitments/{id}");
    }

    [Fact]
    public async Task ActionLinePage_ShowsFacilitatorsParagraphsCommitmentsAndItsFeed()
    {
        var page = await app.GetPageAsync("/action-lines/C5");

        Assert.StartsWith("C5", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("section[aria-labelledby=facilitators] li"));
        Assert.NotEmpty(page.QuerySelectorAll("table.commitments tbody tr"));
        Assert.Contains(page.QuerySelectorAll("link[rel=alternate]"), l => l.GetAttribute("href") == "/action-lines/C5/feed");
    }

    [Fact]
    public async Task EveryPage_SendsAsManySqlCommandsWithMoreData()
    {
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var first = await app.CreateCommitmentAsync($"Count {stamp}", "Counting.", new ParagraphKey("a-res-70-125", 40), "C6", "unesco");
        var urls = new[]
        {
            "/", "/?resolution=a-res-70-125", "/action-lines/C6", "/resolutions/a-res-70-125", "/commitments?actionLine=C6",
            $"/commitments/{first}", "/stakeholders", "/countries", "/countries/BRA", "/commitments?region=419&grouping=sids", "/search?q=count", "/feed", "/action-lines/C6/feed", "/commitments/export?actionLine=C6",
        };
        var stakeholder = (await app.GetPageAsync("/stakeholders")).QuerySelectorAll("ul.stakeholders a").First(a => a.TextContent.Contains("UNESCO", StringComparison.Ordinal) || a.TextContent.Contains("Educational", StringComparison.Ordinal)).GetAttribute("href")!;
        urls = [.. urls, stakeholder];
        var before = new List<int>();
        foreach (var url in urls)
        {
            before.Add(await app.CountSqlCommandsAsync(url));
        }

        for (var i = 0; i < 5; i++)
        {
            var id = await app.CreateCommitmentAsync($"Count more {stamp} {i}", "Counting more.", new ParagraphKey("a-res-70-125", 41 + i), "C6", "unesco", new DateOnly(2002, 1, 1));
            await app.RecordProgressAsync(id, CommitmentStatus.OnTrack, 10 + i, $"Count note {i}", ["https://example.org/count"]);
        }

        await app.RecordProgressAsync(first, CommitmentStatus.AtRisk, 5, "More history.");
        var after = new List<int>();
        foreach (var url in urls)
        {
            after.Add(await app.CountSqlCommandsAsync(url));
        }

        Assert.Equal(urls.Zip(before, (u, n) => $"{u}: {n}"), urls.Zip(after, (u, n) => $"{u}: {n}"));
        Assert.All(after, n => Assert.InRange(n, 1, 20));
    }

    private static List<string> Titles(IHtmlDocument page) =>
        page.QuerySelectorAll("table.commitments tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList();
}
