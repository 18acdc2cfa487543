using System.Text.Json;
using Microsoft.Playwright;

namespace WsisTracker.BrowserTests.Infrastructure;

/// <summary>Runs axe-core in the page (every rule but the experimental ones, which is axe's default) in the page and fails on any violation.</summary>
public static class Axe
{
    public static async Task AssertNoViolationsAsync(this IPage page, BrowserApp app)
    {
        // Evaluated through the DevTools protocol, which the page's Content-Security-Policy (no inline script) does not
        // govern; a script tag would be refused by it, as it should be.
        await page.EvaluateAsync(app.AxeSource);
        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document)).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }))");
        var found = violations.EnumerateArray()
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact")}): {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")
            .ToList();
        Assert.True(found.Count == 0, $"axe-core found {found.Count} violations on {page.Url}:\n{string.Join("\n", found)}");
    }
}
