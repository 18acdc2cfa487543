using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace WsisTracker.BrowserTests.Infrastructure;

public static class Navigation
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Waits until the page is at a URL matching <paramref name="urlGlob"/> (Playwright's glob: <c>**</c> any text,
    /// <c>*</c> any text without a slash) and its document has finished loading. It polls the URL and
    /// <c>document.readyState</c> rather than using Playwright's load-state waits: after some clicks and form
    /// submissions those never returned (a 30 s timeout on a page long loaded), about once in three runs of the suite.
    /// </summary>
    public static async Task WaitForPageAsync(this IPage page, string urlGlob)
    {
        var pattern = new Regex("^" + Regex.Escape(urlGlob).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$");
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            if (pattern.IsMatch(page.Url) && await ReadyStateAsync(page) == "complete")
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The page did not finish loading a URL like {urlGlob} within {Limit.TotalSeconds} s; it is at {page.Url}.");
            }

            await Task.Delay(25);
        }
    }

    private static async Task<string?> ReadyStateAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<string>("document.readyState");
        }
        catch (PlaywrightException)
        {
            // The document is being replaced by the navigation; ask again.
            return null;
        }
    }
}
