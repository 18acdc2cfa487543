using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Languages;

[Collection(AppCollection.Name)]
public sealed class CultureTests(WsisTrackerFactory app)
{
    private static readonly string[] Languages = ["ar", "zh", "en", "fr", "ru", "es"];

    [Theory]
    [InlineData("fr", "ltr")]
    [InlineData("es", "ltr")]
    [InlineData("ru", "ltr")]
    [InlineData("zh", "ltr")]
    [InlineData("ar", "rtl")]
    public async Task PrefixedPage_HasTheLanguageAndDirection(string language, string direction)
    {
        var page = await app.GetPageAsync($"/{language}/commitments?status=notStarted");

        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(direction, page.DocumentElement.GetAttribute("dir") ?? "ltr");
        // Links inside the site keep the prefix.
        Assert.Contains(page.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == $"/{language}/stakeholders");
    }

    [Fact]
    public async Task LowerCaseText_TakesItsCapitalisedTwinsTranslation_InLowerCase()
    {
        // "commitments" beside a number and "Commitments" as a heading share one resource ("Engagements").
        var page = await app.GetPageAsync("/fr/");

        Assert.Contains(page.QuerySelectorAll("li"), li => li.TextContent.Contains(" engagements", StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll("nav a"), a => a.TextContent == "Engagements");
    }

    [Fact]
    public async Task EnglishPage_KeepsItsUnprefixedLinksAndNoDirection()
    {
        var page = await app.GetPageAsync("/commitments");

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Null(page.DocumentElement.GetAttribute("dir"));
        Assert.Contains(page.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "/stakeholders");
    }

    [Fact]
    public async Task EveryPage_ListsItsSixLanguagesAndXDefaultAsAlternates()
    {
        var page = await app.GetPageAsync("/fr/commitments?status=achieved");

        var alternates = page.QuerySelectorAll("link[rel=alternate][hreflang]")
            .ToDictionary(l => l.GetAttribute("hreflang")!, l => new Uri(l.GetAttribute("href")!).PathAndQuery);
        Assert.Equal([.. Languages, "x-default"], alternates.Keys);
        Assert.Equal("/commitments?status=achieved", alternates["en"]);
        Assert.Equal("/commitments?status=achieved", alternates["x-default"]);
        Assert.Equal("/ar/commitments?status=achieved", alternates["ar"]);
        Assert.Equal("/zh/commitments?status=achieved", alternates["zh"]);
    }

    [Fact]
    public async Task LanguageSwitcher_KeepsTheReaderOnTheSamePage()
    {
        var page = await app.GetPageAsync("/ru/stakeholders?x=1");

        var links = page.QuerySelectorAll("nav.languages a").ToDictionary(a => a.GetAttribute("hreflang")!, a => a.GetAttribute("href"));
        Assert.Equal(Languages, links.Keys);
        Assert.Equal("/stakeholders?x=1", links["en"]);
        Assert.Equal("/es/stakeholders?x=1", links["es"]);
        Assert.Equal("true", page.QuerySelector("nav.languages a[hreflang=ru]")!.GetAttribute("aria-current"));
        var spanish = await app.GetPageAsync(links["es"]!);
        Assert.Equal("es", spanish.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task FirstVisitToTheRoot_FollowsAcceptLanguage_AndTheChoiceIsRemembered()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var first = new HttpRequestMessage(HttpMethod.Get, "/");
        first.Headers.AcceptLanguage.ParseAdd("de-DE, es;q=0.8, en;q=0.5");
        var redirect = await client.SendAsync(first);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/es/", redirect.Headers.Location?.OriginalString);

        // Reading a page in Russian makes Russian the choice, whatever the browser says.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ru/stakeholders")).StatusCode);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.AcceptLanguage.ParseAdd("es");
        Assert.Equal("/ru/", (await client.SendAsync(again)).Headers.Location?.OriginalString);

        // The English link of the switcher on "/" chooses English; after that "/" stays English.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/?lang=en")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task EnglishUrlsOtherThanTheRoot_NeverRedirect()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/commitments");
        request.Headers.AcceptLanguage.ParseAdd("fr");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OutputCache_KeepsTheLanguagesApart()
    {
        var english = await app.GetPageAsync("/");
        var french = await app.GetPageAsync("/fr/");
        var englishAgain = await app.GetPageAsync("/");

        Assert.Equal("fr", french.DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", englishAgain.DocumentElement.GetAttribute("lang"));
        Assert.Equal(english.QuerySelector("h1")!.TextContent, englishAgain.QuerySelector("h1")!.TextContent);
        Assert.NotEqual(english.QuerySelector("h1")!.TextContent, french.QuerySelector("h1")!.TextContent);
    }
}
