using System.Diagnostics;
using System.Net;
using Npgsql;
using WsisTracker.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace WsisTracker.IntegrationTests.Reliability;

/// <summary>
/// Breaks the database on purpose under a bounded load: a stop and start of PostgreSQL, and every app connection
/// terminated. During the fault the app answers 503 fast; afterwards it recovers by itself, without a restart.
/// Each test has its own cluster, so the faults touch no other test.
/// </summary>
public sealed class DatabaseFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(3);
    private readonly WsisTrackerFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task PostgresStoppedAndStarted_AppAnswers503FastThenRecoversWithoutRestart()
    {
        using var client = _app.CreateClient();
        using var load = new BoundedLoad(client, "/api/v1/commitments?pageSize=5", workers: 4, TimeSpan.FromSeconds(30));
        await load.WaitForSuccessesAsync(20);

        await _app.Postgres.StopAsync();
        var down = Stopwatch.StartNew();
        using var ready = await client.GetAsync("/health/ready");
        var probe = Stopwatch.StartNew();
        using var during = await client.GetAsync("/api/v1/commitments/1");
        probe.Stop();
        await Task.Delay(Outage - down.Elapsed > TimeSpan.Zero ? Outage - down.Elapsed : TimeSpan.Zero);
        await _app.Postgres.ResumeAsync();
        var outage = down.Elapsed;
        var recovery = await load.TimeToNextSuccessAsync(TimeSpan.FromSeconds(10));
        load.Stop();
        ReliabilityFigures.Report(
            output,
            "database-stop-start",
            ("outage", outage),
            ("probeDuringOutage", probe.Elapsed),
            ("recoveryAfterStart", recovery ?? TimeSpan.MinValue),
            ("successes", load.Successes),
            ("answered503", load.ServiceUnavailable),
            ("otherServerErrors", load.ServerErrorsOtherThan503));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.True(probe.Elapsed < TimeSpan.FromSeconds(5), $"a request during the outage took {probe.Elapsed}");
        Assert.True(recovery is not null, "the app did not serve again within 10 s of the database's return");
        Assert.Equal(0, load.ServerErrorsOtherThan503);
        using var after = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task AppConnectionsTerminated_RequestsRecoverWithoutRestart()
    {
        using var client = _app.CreateClient();
        using var load = new BoundedLoad(client, "/api/v1/commitments?pageSize=5", workers: 4, TimeSpan.FromSeconds(30));
        await load.WaitForSuccessesAsync(20);

        var database = new NpgsqlConnectionStringBuilder(_app.ConnectionString).Database;
        await using (var admin = new NpgsqlConnection(_app.Postgres.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid()", admin);
            terminate.Parameters.AddWithValue("db", database!);
            Assert.True((long)(await terminate.ExecuteScalarAsync())! > 0, "the app held connections to terminate");
        }

        var recovery = await load.TimeToNextSuccessAsync(TimeSpan.FromSeconds(10));
        load.Stop();
        ReliabilityFigures.Report(
            output,
            "database-connections-terminated",
            ("recovery", recovery ?? TimeSpan.MinValue),
            ("successes", load.Successes),
            ("answered503", load.ServiceUnavailable),
            ("otherServerErrors", load.ServerErrorsOtherThan503));

        Assert.True(recovery is not null, "the app did not serve again within 10 s");
        Assert.Equal(0, load.ServerErrorsOtherThan503);
    }
}

/// <summary>A few workers sending GETs in a loop, bounded in time, counting outcomes.</summary>
internal sealed class BoundedLoad : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task[] _workers;
    private long _successes;
    private long _otherServerErrors;
    private long _serviceUnavailable;

    public BoundedLoad(HttpClient client, string url, int workers, TimeSpan limit)
    {
        _stop = new CancellationTokenSource(limit);
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Run(() => RunAsync(client, url))).ToArray();
    }

    public long ServerErrorsOtherThan503 => Interlocked.Read(ref _otherServerErrors);

    public long Successes => Interlocked.Read(ref _successes);

    public long ServiceUnavailable => Interlocked.Read(ref _serviceUnavailable);

    public async Task WaitForSuccessesAsync(long count)
    {
        while (Interlocked.Read(ref _successes) < count && !_stop.IsCancellationRequested)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>Waits for a success that happens after now; null when none comes within the limit.</summary>
    public async Task<TimeSpan?> TimeToNextSuccessAsync(TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        var before = Interlocked.Read(ref _successes);
        while (watch.Elapsed < limit && !_stop.IsCancellationRequested)
        {
            if (Interlocked.Read(ref _successes) > before + 3)
            {
                return watch.Elapsed;
            }

            await Task.Delay(20);
        }

        return null;
    }

    public void Stop()
    {
        _stop.Cancel();
        Task.WaitAll(_workers);
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private async Task RunAsync(HttpClient client, string url)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await client.GetAsync(url, _stop.Token);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _successes);
                }
                else if ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    Interlocked.Increment(ref _otherServerErrors);
                }
                else
                {
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        Interlocked.Increment(ref _serviceUnavailable);
                    }

                    await Task.Delay(10);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
