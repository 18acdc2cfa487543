using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WsisTracker.Core.Caching;
using WsisTracker.Core.Data.Seeding;
using WsisTracker.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace WsisTracker.IntegrationTests.Performance;

/// <summary>
/// The list's text filter <c>q</c> finds what a plain substring test finds, and search is answered by the full-text
/// index in the plan PostgreSQL keeps for a prepared statement (the generic plan), over 50,000 commitments
/// (decision 121). Each statement the app sends is prepared as sent and explained.
/// Runs on a database of its own, since it adds synthetic data.
/// </summary>
public sealed partial class TextFilterPlanTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Synthetic = 50_000;
    private readonly WsisTrackerFactory _app = new();

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        await using (var db = WsisTrackerFactory.CreateDbContext(_app.ConnectionString))
        {
            await new DemoDataSeeder(db, TimeProvider.System, NullLogger<DemoDataSeeder>.Instance).AddAsync(Synthetic, 0, 11, CancellationToken.None);
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
    }

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task TheTextFilter_FindsWhatItFindsWithoutTheIndexes()
    {
        using var client = _app.CreateClient();
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/commitments?q=CONNECTIVITY&limit=200", WsisTrackerFactory.Json);
        var ids = page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).ToList();

        var expected = await _app.WithDbAsync(db => db.Commitments
            .Where(c => c.Title.ToLower().Contains("connectivity") || c.Description.ToLower().Contains("connectivity") || c.Code.ToLower().Contains("connectivity"))
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ids);
        Assert.Equal(expected.Count, page.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Search_IsAnsweredByTheFullTextIndex_InTheGenericPlan()
    {
        var statements = await StatementsOfAsync("/search?q=internet+governance", "FROM commitments");

        var search = Assert.Single(statements, s => s.Text.Contains("@@", StringComparison.Ordinal));
        var plan = await GenericPlanAsync(search);
        Assert.True(plan.Contains("Bitmap Index Scan on ix_commitments_search_vector", StringComparison.Ordinal), $"the search does not use the full-text index:\n{plan}");
    }

    private async Task<IReadOnlyList<RecordedCommand>> StatementsOfAsync(string url, string marker)
    {
        using var client = _app.CreateClient();
        _app.Services.GetRequiredService<ReadCache>().Invalidate();
        _app.SqlCommands.Reset();
        using var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return [.. _app.SqlCommands.Commands.Where(c => c.Text.Contains(marker, StringComparison.Ordinal))];
    }

    /// <summary>The statement prepared as sent and explained with <c>plan_cache_mode = force_generic_plan</c>.</summary>
    private async Task<string> GenericPlanAsync(RecordedCommand statement)
    {
        var positions = statement.Parameters.Select((p, i) => (p.Name, Position: i + 1)).ToDictionary(p => p.Name, p => p.Position);
        var text = ParameterName().Replace(statement.Text, m => positions.TryGetValue(m.Groups[1].Value, out var n) ? $"${n}" : m.Value);
        var values = string.Join(", ", statement.Parameters.Select(p => Literal(p.Value)));

        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        await connection.OpenAsync();
        await using (var prepare = new NpgsqlCommand($"SET plan_cache_mode = force_generic_plan; PREPARE explained AS {text}", connection))
        {
            await prepare.ExecuteNonQueryAsync();
        }

        var plan = new StringBuilder();
        await using (var explain = new NpgsqlCommand($"EXPLAIN EXECUTE explained{(values.Length == 0 ? "" : $"({values})")}", connection))
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.AppendLine(reader.GetString(0));
            }
        }

        output.WriteLine(plan.ToString());
        return plan.ToString();
    }

    private static string Literal(object? value) => value switch
    {
        null or DBNull => "NULL",
        bool b => b ? "true" : "false",
        int or long or short => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        DateOnly d => $"'{d:yyyy-MM-dd}'",
        DateTimeOffset t => $"'{t.UtcDateTime:O}'",
        DateTime t => $"'{t:O}'",
        _ => $"'{Convert.ToString(value, CultureInfo.InvariantCulture)!.Replace("'", "''", StringComparison.Ordinal)}'",
    };

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex ParameterName();
}
