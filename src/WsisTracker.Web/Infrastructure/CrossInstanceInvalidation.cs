using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using WsisTracker.Core.Caching;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// Cross-instance invalidation of the read and output caches (decision 122): every audited write notifies
/// <see cref="ReadCache.ChangeChannel"/> in its transaction, and <see cref="ChangeListener"/> holds one connection per
/// instance that listens on it. Settings: <c>Caching:CrossInstanceInvalidation</c> (default true) and
/// <c>Caching:InvalidationRetrySeconds</c> (the first reconnect delay, doubling up to 30 s; default 1).
/// </summary>
public static class CrossInstanceInvalidation
{
    /// <summary>The health check's name under <c>/health/ready</c>.</summary>
    public const string HealthCheckName = "cache-invalidation";

    /// <summary>The <c>application_name</c> of the listening connection starts with this, followed by the instance's origin.</summary>
    public const string ApplicationNamePrefix = "wsis-tracker-listener-";

    public static bool Enabled(IConfiguration configuration) => configuration.GetValue("Caching:CrossInstanceInvalidation", true);

    public static void AddCrossInstanceInvalidation(this WebApplicationBuilder builder, string connectionString)
    {
        var retrySeconds = builder.Configuration.GetValue("Caching:InvalidationRetrySeconds", 1.0);
        if (retrySeconds <= 0)
        {
            throw new InvalidOperationException($"Caching:InvalidationRetrySeconds must be a positive number of seconds, not {retrySeconds}.");
        }

        builder.Services.AddSingleton(services => new ChangeListener(
            services.GetRequiredService<ReadCache>(),
            connectionString,
            TimeSpan.FromSeconds(retrySeconds),
            services.GetRequiredService<ILogger<ChangeListener>>()));
        if (Enabled(builder.Configuration))
        {
            builder.Services.AddHostedService(services => services.GetRequiredService<ChangeListener>());
        }

        builder.Services.AddHealthChecks().AddCheck<ChangeListenerCheck>(HealthCheckName, tags: ["ready"]);
    }
}

/// <summary>Where the listening connection stands.</summary>
public enum ChangeListenerState
{
    /// <summary>Cross-instance invalidation is off: other instances' writes show when cache entries expire.</summary>
    Off,

    /// <summary>Opening (or re-opening) its connection; until then the read cache's age is the bound.</summary>
    Connecting,

    Listening,

    /// <summary>The connection dropped; the next attempt follows the back-off, and the read cache's age is the bound.</summary>
    Disconnected,
}

/// <summary>
/// One dedicated, unpooled PostgreSQL connection per instance that <c>LISTEN</c>s on <see cref="ReadCache.ChangeChannel"/>
/// and starts a new read-cache generation (which is also a new output-cache key: the generation is in its prefix) on
/// every notification from another instance. A dropped connection is logged and reopened with a doubling back-off
/// (up to 30 s); once listening again it starts one new generation, since notifications sent meanwhile are lost.
/// </summary>
public sealed partial class ChangeListener(ReadCache cache, string connectionString, TimeSpan retryDelay, ILogger<ChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private int _state = (int)ChangeListenerState.Off;
    private long _received;
    private long _drops;

    public ChangeListenerState State => (ChangeListenerState)Volatile.Read(ref _state);

    /// <summary>Notifications from other instances applied so far.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>How many times the connection was lost (or could not be opened).</summary>
    public long Drops => Interlocked.Read(ref _drops);

    /// <summary>The connection's <c>application_name</c>: one per instance, so an operator (or a test) can find its backend.</summary>
    public string ApplicationName => CrossInstanceInvalidation.ApplicationNamePrefix + cache.ChangeOrigin;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = ApplicationName,
            Pooling = false,
            // Detects a connection that died without a word (a dropped network) while it waits.
            KeepAlive = 15,
        };
        if (builder.Host?.Contains(',', StringComparison.Ordinal) == true)
        {
            // A standby refuses LISTEN; with several hosts, listen on the primary, where the writes commit.
            builder.TargetSessionAttributes = "primary";
        }

        var delay = retryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            Volatile.Write(ref _state, (int)ChangeListenerState.Connecting);
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += OnNotification;
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {ReadCache.ChangeChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever was cached before this point may predate a write whose notification no one received.
                cache.Invalidate("reconnect");
                Volatile.Write(ref _state, (int)ChangeListenerState.Listening);
                cache.HearsOthers(true);
                LogListening(connection.ProcessID, Drops);
                delay = retryDelay;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                cache.HearsOthers(false);
                return;
            }
            catch (Exception e)
            {
                Volatile.Write(ref _state, (int)ChangeListenerState.Disconnected);
                cache.HearsOthers(false);
                Interlocked.Increment(ref _drops);
                LogLost(e, delay.TotalSeconds, cache.MaxAge.TotalSeconds);
            }

            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Payload != cache.ChangeOrigin)
        {
            cache.Invalidate("remote");
            Interlocked.Increment(ref _received);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for other instances' changes (backend {ProcessId}; {Drops} connection loss(es) so far)")]
    private partial void LogListening(int processId, long drops);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The change listener's connection is lost; retrying in {RetrySeconds} s. Until then other instances' writes show within the read cache's age ({MaxAgeSeconds} s)")]
    private partial void LogLost(Exception exception, double retrySeconds, double maxAgeSeconds);
}

/// <summary>Degraded (never unhealthy: the instance serves, only staler) while the change listener is not listening.</summary>
public sealed class ChangeListenerCheck(ChangeListener listener, ReadCache cache, IConfiguration configuration) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!CrossInstanceInvalidation.Enabled(configuration)
            ? HealthCheckResult.Healthy($"Cross-instance invalidation is off; other instances' writes show within {cache.MaxAge.TotalSeconds} s.")
            : listener.State == ChangeListenerState.Listening
                ? HealthCheckResult.Healthy("Listening for other instances' changes.")
                : HealthCheckResult.Degraded($"Change listener {listener.State}; other instances' writes show within {cache.MaxAge.TotalSeconds} s."));
}
