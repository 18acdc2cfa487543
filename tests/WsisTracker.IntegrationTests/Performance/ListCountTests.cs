using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Caching;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Performance;

/// <summary>
/// The list's total count is taken once per filter set and read-cache generation (decision 120): the next page in the
/// same generation sends one command fewer (no <c>count(*)</c>), and a write starts a generation whose count includes it.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ListCountTests(WsisTrackerFactory app)
{
    [Theory]
    [InlineData("/api/v1/commitments?limit=5&q={0}")]
    [InlineData("/commitments?q={0}")]
    public async Task TheCount_IsTakenOncePerGeneration_AndIncludesTheNextWrite(string template)
    {
        var marker = $"listcount{Guid.NewGuid():N}"[..24];
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, marker);
        await app.CreateCommitmentAsync($"Count {marker} one");
        using var client = app.CreateClient();

        app.Services.GetRequiredService<ReadCache>().Invalidate();
        app.SqlCommands.Reset();
        Assert.Equal(1, await TotalCountAsync(client, url));
        Assert.Equal(1, CountStatements());

        app.SqlCommands.Reset();
        Assert.Equal(1, await TotalCountAsync(client, url));
        Assert.Equal(0, CountStatements());

        await app.CreateCommitmentAsync($"Count {marker} two");
        app.SqlCommands.Reset();
        Assert.Equal(2, await TotalCountAsync(client, url));
        Assert.Equal(1, CountStatements());
    }

    [Fact]
    public async Task CountsOfManyDistinctFilters_NeverEvictTheDashboard()
    {
        using var anonymous = app.CreateClient();
        Assert.True((await anonymous.GetAsync("/api/v1/dashboard")).IsSuccessStatusCode);
        var cache = app.Services.GetRequiredService<ReadCache>();
        for (var i = 0; i < 3 * ReadCache.DefaultCountEntries; i++)
        {
            await cache.GetOrCreateCountAsync($"count:{i:x8}:2026-01-01", () => Task.FromResult(i));
        }

        await Task.Delay(200);
        app.SqlCommands.Reset();
        using var response = await anonymous.GetAsync("/api/v1/dashboard");
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(0, app.SqlCommands.Count);
    }

    /// <summary>The list's <c>count(*)</c> over the commitments among the commands since the last reset.</summary>
    private int CountStatements() =>
        app.SqlCommands.Texts.Count(t => t.TrimStart().StartsWith("SELECT count(*)::int", StringComparison.Ordinal) && t.Contains("FROM commitments", StringComparison.Ordinal));

    private static async Task<int> TotalCountAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        if (url.StartsWith("/api/", StringComparison.Ordinal))
        {
            return JsonDocument.Parse(body).RootElement.GetProperty("totalCount").GetInt32();
        }

        var match = System.Text.RegularExpressions.Regex.Match(body, @"(\d+) commitments match \(counted at the latest change to the data\)");
        Assert.True(match.Success, "The page does not say how its count is taken.");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
