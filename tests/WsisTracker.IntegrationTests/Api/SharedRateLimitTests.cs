using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WsisTracker.Core.ApiKeys;
using WsisTracker.Core.RateLimiting;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Api;

/// <summary>
/// <c>RateLimiting:Store=Shared</c> (decision 123): two instances on one database count one API key against one
/// budget, so the key's requests through both together meet the limit once; and closed windows are deleted.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SharedRateLimitTests(WsisTrackerFactory app)
{
    private const int PerKey = 3;

    [Fact]
    public async Task TwoInstancesWithTheSharedStore_ShareOneLimit_SoTheSecondRefusesOnceTheFirstUsedItUp()
    {
        await using var a = Instance("Shared");
        await using var b = Instance("Shared");
        var key = await app.CreateApiKeyAsync(ApiKeyRole.Secretariat);
        using var onA = Client(a, key);
        using var onB = Client(b, key);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < PerKey; i++)
        {
            statuses.Add(await StatusAsync(onA));
        }

        using var refused = await onB.GetAsync("/api/v1/dashboard");
        statuses.Add(refused.StatusCode);
        statuses.Add(await StatusAsync(onA));

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, PerKey), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 3500, 3600);
    }

    [Fact]
    public async Task TwoInstancesWithTheLocalStore_EachHaveABudgetOfTheirOwn()
    {
        await using var a = Instance("Local");
        await using var b = Instance("Local");
        var key = await app.CreateApiKeyAsync(ApiKeyRole.Secretariat);
        using var onA = Client(a, key);
        using var onB = Client(b, key);
        for (var i = 0; i < PerKey; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(onA));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(onA));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(onB));
    }

    [Fact]
    public async Task CleanUp_DeletesWindowsClosedOverAMinuteAgo_AndKeepsOpenOnes()
    {
        var closed = $"test:closed-{Guid.NewGuid():N}";
        var open = $"test:open-{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO rate_limit_windows (partition_key, expires_at, count) VALUES (@closed, now() - interval '2 minutes', 5), (@open, now() + interval '1 hour', 5)",
                connection);
            insert.Parameters.AddWithValue("closed", closed);
            insert.Parameters.AddWithValue("open", open);
            await insert.ExecuteNonQueryAsync();
        }

        Assert.True(await app.Services.GetRequiredService<SharedRateLimitStore>().CleanUpAsync(CancellationToken.None) >= 1);

        await using var check = new NpgsqlConnection(app.ConnectionString);
        await check.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT partition_key FROM rate_limit_windows WHERE partition_key IN (@closed, @open)", check);
        query.Parameters.AddWithValue("closed", closed);
        query.Parameters.AddWithValue("open", open);
        Assert.Equal(open, (string?)await query.ExecuteScalarAsync());
    }

    private WebApplicationFactory<Program> Instance(string store) => app.WithWebHostBuilder(builder => builder
        .UseSetting("Database:MigrateOnStartup", "false")
        .UseSetting("RateLimiting:Store", store)
        .UseSetting("RateLimiting:PermitLimitPerKey", PerKey.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("RateLimiting:WindowSeconds", "3600"));

    private static HttpClient Client(WebApplicationFactory<Program> instance, string key)
    {
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/dashboard");
        return response.StatusCode;
    }
}
