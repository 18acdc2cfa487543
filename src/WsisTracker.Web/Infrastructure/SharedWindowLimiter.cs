using System.Diagnostics;
using System.Threading.RateLimiting;
using WsisTracker.Core.RateLimiting;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// One partition's fixed window kept in PostgreSQL by <see cref="SharedRateLimitStore"/> (decision 123), so every
/// instance counts against one budget. The synchronous attempt never decides (it would block on the database): it
/// answers "not yet", and the rate-limiting middleware then asks <see cref="AcquireAsyncCore"/>, which counts the
/// request with one upsert. If the database cannot be reached the request is let through (it will fail on its own
/// query, and a 429 would be a lie) and a warning is logged.
/// </summary>
public sealed partial class SharedWindowLimiter(SharedRateLimitStore store, string partitionKey, int permitLimit, TimeSpan window, ILogger logger) : RateLimiter
{
    private long _lastUsed = Stopwatch.GetTimestamp();

    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? Lease.Acquired : Lease.Undecided;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        if (permitCount == 0)
        {
            return Lease.Acquired;
        }

        try
        {
            var hit = await store.HitAsync(partitionKey, window, cancellationToken);
            return hit.Count <= permitLimit ? Lease.Acquired : new Lease(false, hit.RetryAfter);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            LogStoreUnavailable(e, partitionKey);
            return Lease.Acquired;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared rate-limit store could not count a request of {Partition}; it was let through")]
    private partial void LogStoreUnavailable(Exception exception, string partition);

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true, null);

        public static readonly Lease Undecided = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name && retryAfter is { } after ? after : null;
            return metadata is not null;
        }
    }
}
