using System.Net;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Api;

/// <summary>An app of its own with low page and sign-in limits and a window far longer than the test.</summary>
public sealed class PageRateLimitedFactory : WsisTrackerFactory
{
    public const int PagesPerAddress = 4;
    public const int SignInsPerAddress = 3;

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("RateLimiting:PagePermitLimitPerAddress", PagesPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("RateLimiting:PageWindowSeconds", "3600"),
        ("RateLimiting:SignInPermitLimitPerAddress", SignInsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("RateLimiting:SignInWindowSeconds", "3600"),
    ];
}

/// <remarks>In the app collection for the reason <see cref="RateLimitTests"/> gives.</remarks>
[Collection(AppCollection.Name)]
public sealed class PageRateLimitTests(PageRateLimitedFactory app) : IClassFixture<PageRateLimitedFactory>
{
    [Fact]
    public async Task SignIn_WithATrailingSlash_CountsAgainstTheSameLimit_AndGets429()
    {
        using var client = app.CreatePageClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= PageRateLimitedFactory.SignInsPerAddress; i++)
        {
            var page = await client.GetPageAsync("/account/login");
            var form = page.Forms.Single(f => f.GetAttribute("action") == "/account/login");
            var fields = PageClient.ReadFields(form);
            fields.RemoveAll(f => f.Key is "Email" or "Password");
            fields.Add(new("Email", $"nobody-{Guid.NewGuid():N}@example.org"));
            fields.Add(new("Password", "not the password at all"));
            using var response = await client.Http.PostAsync(Reliability.HostileCases.SignInPathSpellings().ElementAt(i % 3), new FormUrlEncodedContent(fields));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, PageRateLimitedFactory.SignInsPerAddress), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task CostlyAnonymousPages_OverTheLimitFromOneAddress_Get429WithRetryAfterAndAnHtmlPage()
    {
        using var client = app.CreateClient();
        string[] urls = ["/search?q=internet", "/commitments?q=broadband", "/commitments/export", "/feed", "/search/?q=x"];
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, PageRateLimitedFactory.PagesPerAddress), HttpStatusCode.TooManyRequests], statuses);
        using (limited)
        {
            Assert.True(limited!.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
            Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Too many requests", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The same refusal under a French page is in French.
        using (var french = await client.GetAsync("/fr/search?q=internet"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, french.StatusCode);
            var html = await french.Content.ReadAsStringAsync();
            Assert.Contains("<html lang=\"fr\" dir=\"ltr\">", html, StringComparison.Ordinal);
            Assert.Contains("<h1>Trop de requêtes</h1>", html, StringComparison.Ordinal);
            Assert.Contains("<a href=\"/fr/\">Accueil</a>", html, StringComparison.Ordinal);
        }

        // Ordinary pages are not counted against that limit.
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }
}
