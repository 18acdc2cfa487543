using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using WsisTracker.IntegrationTests.Infrastructure;
using WsisTracker.TestSupport;

namespace WsisTracker.IntegrationTests.Reliability;

/// <summary>
/// The app on a primary and a streaming hot standby of it (<c>pg_basebackup</c>), reads that may lag routed to the
/// standby by <c>ConnectionStrings:WsisTrackerReads</c> (decision 126).
/// </summary>
public class StandbyFactory : WsisTrackerFactory
{
    private PostgresServer? _standby;

    public PostgresServer Standby => _standby ?? throw new InvalidOperationException("The standby is not started.");

    protected virtual double ReadYourWritesSeconds => 0;

    protected override async Task BeforeStartAsync() => _standby = await Postgres.StartStandbyAsync();

    /// <summary>Both servers, the standby preferred, as a deployment names them.</summary>
    public string ReadsConnectionString
    {
        get
        {
            var primary = new NpgsqlConnectionStringBuilder(ConnectionString);
            var standby = new NpgsqlConnectionStringBuilder(Standby.AdminConnectionString);
            return new NpgsqlConnectionStringBuilder(ConnectionString)
            {
                Host = $"{standby.Host}:{standby.Port},{primary.Host}:{primary.Port}",
                TargetSessionAttributes = "prefer-standby",
                ApplicationName = "wsis-reads",
            }.ConnectionString;
        }
    }

    /// <summary>The app's database on the standby.</summary>
    public string StandbyDatabase => new NpgsqlConnectionStringBuilder(Standby.AdminConnectionString) { Database = new NpgsqlConnectionStringBuilder(ConnectionString).Database }.ConnectionString;

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("ConnectionStrings:WsisTrackerReads", ReadsConnectionString),
        ("Database:ReadYourWritesSeconds", ReadYourWritesSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_standby is not null)
        {
            await _standby.DisposeAsync();
        }
    }

    /// <summary>Runs <paramref name="sql"/> on the standby (pausing and resuming its replay).</summary>
    public async Task OnStandbyAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(StandbyDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>As <see cref="StandbyFactory"/>, reading from the primary for five minutes after any write.</summary>
public sealed class StandbyAfterWritesFactory : StandbyFactory
{
    protected override double ReadYourWritesSeconds => 300;
}

[Collection(AppCollection.Name)]
public sealed class ReadReplicaTests(StandbyFactory app) : IClassFixture<StandbyFactory>
{
    [Fact]
    public async Task AnonymousReads_ComeFromTheStandby_KeyedReadsFromThePrimary()
    {
        var commitment = await app.CreateCommitmentAsync($"Standby read {Guid.NewGuid():N}");
        using var anonymous = app.CreateClient();
        using var writer = await app.CreateWriterAsync();
        await EventuallyAsync(async () => await ProgressOfAsync(anonymous, commitment.Id) is not null, "the standby replays the new commitment");

        await app.OnStandbyAsync("SELECT pg_wal_replay_pause()");
        try
        {
            using var written = await WsisTrackerFactory.RecordProgressAsync(writer, commitment.Id, commitment.Version,
                new { status = "onTrack", progressPercent = 45, asOf = DateTime.UtcNow.ToString("yyyy-MM-dd") });
            Assert.Equal(HttpStatusCode.Created, written.StatusCode);

            // The writer reads its own write (its key keeps it on the primary); a visitor reads the paused standby.
            Assert.Equal(45, await ProgressOfAsync(writer, commitment.Id));
            Assert.Equal(0, await ProgressOfAsync(anonymous, commitment.Id));
        }
        finally
        {
            await app.OnStandbyAsync("SELECT pg_wal_replay_resume()");
        }

        await EventuallyAsync(async () => await ProgressOfAsync(anonymous, commitment.Id) == 45, "the visitor sees the write once the standby replays it");
    }

    [Fact]
    public async Task StandbyStopped_AnonymousReadsFallBackToThePrimary()
    {
        using var anonymous = app.CreateClient();
        var commitment = await app.CreateCommitmentAsync($"Standby stopped {Guid.NewGuid():N}");
        await app.Standby.StopAsync();
        try
        {
            // prefer-standby: with no standby to be had, the primary serves. A pooled connection to the stopped
            // standby fails its first command at most once per connection; the pool then opens on the primary.
            await EventuallyAsync(async () => await ProgressOfAsync(anonymous, commitment.Id) == 0, "the primary serves the read");
            for (var i = 0; i < 20; i++)
            {
                using var response = await anonymous.GetAsync($"/api/v1/commitments/{commitment.Id}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
        finally
        {
            await app.Standby.ResumeAsync();
        }
    }

    /// <summary>The commitment's progress percentage as the API answers it (0 when none is recorded), or null when it is not found.</summary>
    internal static async Task<int?> ProgressOfAsync(HttpClient client, int id)
    {
        using var response = await client.GetAsync($"/api/v1/commitments/{id}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.TryGetProperty("progressPercent", out var percent) && percent.ValueKind == JsonValueKind.Number ? percent.GetInt32() : 0;
    }

    internal static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromSeconds(15))
            {
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"{what}: not within 15 s");
            await Task.Delay(50);
        }
    }
}

[Collection(AppCollection.Name)]
public sealed class ReadYourWritesTests(StandbyAfterWritesFactory app) : IClassFixture<StandbyAfterWritesFactory>
{
    [Fact]
    public async Task AfterAWrite_AnonymousReadsComeFromThePrimary_WhileTheStandbyLags()
    {
        var commitment = await app.CreateCommitmentAsync($"Read your writes {Guid.NewGuid():N}");
        using var anonymous = app.CreateClient();
        using var writer = await app.CreateWriterAsync();
        await ReadReplicaTests.EventuallyAsync(async () => await ReadReplicaTests.ProgressOfAsync(anonymous, commitment.Id) is not null, "the commitment is readable");

        await app.OnStandbyAsync("SELECT pg_wal_replay_pause()");
        try
        {
            using var written = await WsisTrackerFactory.RecordProgressAsync(writer, commitment.Id, commitment.Version,
                new { status = "onTrack", progressPercent = 60, asOf = DateTime.UtcNow.ToString("yyyy-MM-dd") });
            Assert.Equal(HttpStatusCode.Created, written.StatusCode);

            // The write started a new read-cache generation: for Database:ReadYourWritesSeconds this instance reads
            // from the primary, so the dashboard and the detail it rebuilds are not the standby's older state.
            Assert.Equal(60, await ReadReplicaTests.ProgressOfAsync(anonymous, commitment.Id));
        }
        finally
        {
            await app.OnStandbyAsync("SELECT pg_wal_replay_resume()");
        }
    }
}
