using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WsisTracker.Core.Data;
using WsisTracker.Core.Data.Seeding;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Performance;

/// <summary>
/// No N+1: every page and API request issues the same number of SQL commands before and after the data grows
/// tenfold. Runs on a database of its own, since it adds synthetic data.
/// </summary>
public sealed class SqlCommandCountTests : IAsyncLifetime
{
    private static readonly string[] Urls =
    [
        "/",
        "/api/v1/resolutions",
        "/api/v1/resolutions/a-res-70-125",
        "/api/v1/resolutions/a-res-80-173/paragraphs",
        "/api/v1/resolutions/a-res-70-125/paragraphs/27",
        "/api/v1/action-lines",
        "/api/v1/action-lines/C7",
        "/api/v1/stakeholders",
        "/api/v1/commitments?limit=200",
        "/api/v1/commitments?actionLine=C5&limit=200",
        "/api/v1/commitments/1",
    ];

    private readonly WsisTrackerFactory _app = new();
    private WebApplicationFactoryWithCounter? _counted;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _counted = new WebApplicationFactoryWithCounter(_app);
    }

    public async Task DisposeAsync()
    {
        if (_counted is not null)
        {
            await _counted.Factory.DisposeAsync();
        }

        await _app.DisposeAsync();
    }

    [Fact]
    public async Task EveryRequest_IssuesTheSameNumberOfCommands_WhenTheDataGrowsTenfold()
    {
        var before = new Dictionary<string, int>();
        foreach (var url in Urls)
        {
            before[url] = await _counted!.CountCommandsAsync(url);
        }

        await using (var db = WsisTrackerFactory.CreateDbContext(_app.ConnectionString))
        {
            var existing = await db.Commitments.CountAsync();
            await new DemoDataSeeder(db, TimeProvider.System, NullLogger<DemoDataSeeder>.Instance).AddAsync(existing * 10, 5, 7, CancellationToken.None);
        }

        foreach (var url in Urls)
        {
            var after = await _counted!.CountCommandsAsync(url);
            Assert.True(before[url] == after, $"{url}: {before[url]} SQL commands before the data grew, {after} after");
            Assert.True(after > 0, $"{url}: no SQL command was counted, so the counter is not wired");
        }
    }

    private sealed class WebApplicationFactoryWithCounter
    {
        public WebApplicationFactoryWithCounter(WsisTrackerFactory app) =>
            Factory = app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            {
                services.AddHttpContextAccessor();
                services.AddSingleton<SqlCommandCounter>();
                services.ConfigureDbContext<WsisTrackerDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<SqlCommandCounter>()));
            }));

        public Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Factory { get; }

        public async Task<int> CountCommandsAsync(string url)
        {
            using var client = Factory.CreateClient();
            using var response = await client.GetAsync(url);
            Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
            var correlationId = Assert.Single(response.Headers.GetValues("X-Correlation-Id"));
            return Factory.Services.GetRequiredService<SqlCommandCounter>().CountFor(correlationId);
        }
    }
}
