using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Data;
using WsisTracker.TestSupport;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.IntegrationTests.Infrastructure;

/// <summary>
/// The app on a real PostgreSQL database of its own, migrated and seeded by the app's own start-up,
/// driven through HTTP. One per test collection.
/// </summary>
public sealed partial class WsisTrackerFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private PostgresServer? _server;

    public PostgresServer Postgres => _server ?? throw new InvalidOperationException("The factory is not initialised.");

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        ConnectionString = _server.ConnectionStringForNewDatabase("wsis_it");
        _ = Services;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:WsisTracker", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }

    public async Task<T> GetJsonAsync<T>(string url)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    /// <summary>Runs a query against the app's database, for arranging data and checking what was stored.</summary>
    public async Task<T> WithDbAsync<T>(Func<WsisTrackerDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WsisTrackerDbContext>();
        return await action(db);
    }

    public static WsisTrackerDbContext CreateDbContext(string connectionString)
    {
        var options = new DbContextOptionsBuilder<WsisTrackerDbContext>();
        DatabaseSetup.Configure(options, connectionString);
        return new WsisTrackerDbContext(options.Options);
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        WsisTrackerApp.ConfigureJson(options);
        return options;
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<WsisTrackerFactory>
{
    public const string Name = "app";
}
