using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.ApiKeys;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Caching;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Data;
using WsisTracker.TestSupport;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.IntegrationTests.Infrastructure;

/// <summary>
/// The app on a real PostgreSQL database of its own, migrated and seeded by the app's own start-up,
/// driven through HTTP. One per test collection.
/// </summary>
public partial class WsisTrackerFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private PostgresServer? _server;

    /// <summary>Clients talk HTTPS, as in Production: staff cookies are always Secure and API keys need HTTPS there.</summary>
    public static readonly Uri HttpsBase = new("https://localhost");

    public WsisTrackerFactory() => ClientOptions.BaseAddress = HttpsBase;

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.BaseAddress = HttpsBase;
    }

    public PostgresServer Postgres => _server ?? throw new InvalidOperationException("The factory is not initialised.");

    public string ConnectionString { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        ConnectionString = _server.ConnectionStringForNewDatabase("wsis_it");
        await BeforeStartAsync();
        _ = Services;
    }

    /// <summary>What a derived factory does once the server runs and before the app starts (and reads <see cref="Settings"/>).</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    public new virtual async Task DisposeAsync()
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
        // The pseudo-locale (/qps/...) the untranslated-text test reads pages in (docs/languages.md).
        builder.UseSetting("Localization:PseudoLocale", "true");

        // Every test client shares one (unknown) address; the rate-limit tests use a factory of their own.
        builder.UseSetting("RateLimiting:PermitLimitPerKey", "1000000");
        builder.UseSetting("RateLimiting:PermitLimitPerAddress", "1000000");
        builder.UseSetting("RateLimiting:SignInPermitLimitPerAddress", "1000000");
        builder.UseSetting("RateLimiting:PagePermitLimitPerAddress", "1000000");
        builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<WsisTrackerDbContext>(options => options.AddInterceptors(SqlCommands));
            services.AddSingleton<Serilog.Core.ILogEventSink>(Logs);
        });
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        foreach (var (key, value) in Settings())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Extra settings of a derived factory, applied last.</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings() => [];

    /// <summary>Makes a live API key of the role, with a unique name, and returns the key itself.</summary>
    public async Task<string> CreateApiKeyAsync(ApiKeyRole role, string? name = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync(name ?? $"test-{role}-{Guid.NewGuid():N}"[..40], role, CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value.Key;
    }

    /// <summary>Makes a live Contributor key scoped to the stakeholder with this slug (decision 082), and returns the key itself.</summary>
    public async Task<string> CreateContributorKeyAsync(string stakeholderSlug)
    {
        await using var scope = Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync($"test-contributor-{Guid.NewGuid():N}"[..40], ApiKeyRole.Contributor, stakeholderSlug, CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value!.Key;
    }

    /// <summary>Makes an API key and revokes it at once; it authenticates nothing.</summary>
    public async Task<string> CreateRevokedApiKeyAsync()
    {
        var name = $"revoked-{Guid.NewGuid():N}";
        var key = await CreateApiKeyAsync(ApiKeyRole.Administrator, name);
        await using var scope = Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(name, CancellationToken.None)).Succeeded);
        return key;
    }

    /// <summary>A client that sends the key as a bearer token (or nothing, for null).</summary>
    public HttpClient CreateClientWithKey(string? key)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Records progress through the API with <c>If-Match</c> on the version the caller read.</summary>
    public static async Task<HttpResponseMessage> RecordProgressAsync(HttpClient writer, int commitmentId, uint version, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/commitments/{commitmentId}/progress")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return await writer.SendAsync(request);
    }

    /// <summary>A client with a fresh Secretariat key.</summary>
    public async Task<HttpClient> CreateWriterAsync(ApiKeyRole role = ApiKeyRole.Secretariat) => CreateClientWithKey(await CreateApiKeyAsync(role));

    /// <summary>Creates a commitment through the API with a unique title (containing <paramref name="marker"/>) and returns its id and ETag.</summary>
    public async Task<(int Id, string ETag)> SeedCommitmentAsync(HttpClient writer, string marker, string? targetDate = null, string actionLine = "C4")
    {
        var body = new
        {
            title = $"{marker} {Guid.NewGuid():N}"[..Math.Min(190, marker.Length + 33)],
            description = $"Test commitment {marker}.",
            paragraphs = new[] { new { resolution = "a-res-80-173", number = 99 } },
            actionLines = new[] { actionLine },
            leadStakeholders = new[] { "itu" },
            targetDate,
        };
        using var response = await writer.PostAsJsonAsync("/api/v1/commitments", body, Json);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"POST answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return (created.GetProperty("id").GetInt32(), response.Headers.ETag!.ToString());
    }

    /// <summary>The current ETag of a resource.</summary>
    public async Task<string> ETagOfAsync(string url)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return response.Headers.ETag!.ToString();
    }

    /// <summary>The app's clock: the system's, unless a test moves it for a while (<see cref="TestClock.MoveAsync"/>).</summary>
    public TestClock Clock { get; } = new();

    /// <summary>Counts the app's SQL commands; tests of one collection run one at a time, so a test may reset and read it.</summary>
    public SqlCommandCounter SqlCommands { get; } = new();

    /// <summary>What the app logged (Warning and above), to check what is and is not written.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>How many SQL commands one GET of the page sends.</summary>
    public async Task<int> CountSqlCommandsAsync(string url)
    {
        using var client = CreateClient();
        return await CountSqlCommandsAsync(url, client);
    }

    /// <summary>The SQL commands one GET of <paramref name="url"/> issues, sent by <paramref name="client"/> (a signed-in one, say), with the read cache cold.</summary>
    public async Task<int> CountSqlCommandsAsync(string url, HttpClient client)
    {
        Services.GetRequiredService<ReadCache>().Invalidate();
        SqlCommands.Reset();
        using var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return SqlCommands.Count;
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

    /// <summary>Creates a commitment through the one write path, as a named test actor; returns its id.</summary>
    public async Task<int> CreateCommitmentAsync(
        string title,
        string description,
        ParagraphKey paragraph,
        string actionLine = "C5",
        string lead = "itu",
        DateOnly? targetDate = null,
        IReadOnlyList<string>? moreActionLines = null)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("integration test", ActorKind.System);
        var writes = scope.ServiceProvider.GetRequiredService<CommitmentWrites>();
        var created = await writes.CreateAsync(
            new CommitmentInput(title, description, [paragraph], [actionLine, .. moreActionLines ?? []], [lead], [], targetDate, null, null, []),
            CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value.Id;
    }

    /// <summary>Records a progress update on a commitment through <see cref="ProgressRecorder.RecordProgressAsync"/>.</summary>
    public async Task RecordProgressAsync(int id, CommitmentStatus status, int? percent, string? note = null, IReadOnlyList<string>? evidence = null)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("integration test", ActorKind.System);
        var reads = scope.ServiceProvider.GetRequiredService<CommitmentReads>();
        var version = (await reads.GetAsync(id, CancellationToken.None)).Value!.Version;
        var progress = scope.ServiceProvider.GetRequiredService<ProgressRecorder>();
        var asOf = DateOnly.FromDateTime(DateTime.UtcNow);
        var recorded = await progress.RecordProgressAsync(id, new RecordProgressInput(status, percent, note, evidence, asOf), version, CancellationToken.None);
        Assert.True(recorded.Succeeded, recorded.Error?.Message);
    }

    /// <summary>GETs a page and parses it with AngleSharp, asserting the status code.</summary>
    public async Task<IHtmlDocument> GetPageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url} answered {(int)response.StatusCode}, expected {(int)expected}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await new HtmlParser().ParseDocumentAsync(html);
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
