using System.Diagnostics.Metrics;

namespace WsisTracker.Core.Common;

/// <summary>
/// The app's own instruments (decision 124), on one meter the host exports with the framework's (request durations,
/// Npgsql's command durations) at <c>/metrics</c>. Counters only: a ratio (the cache's hit ratio) is a query over two
/// of them, e.g. <c>rate(wsis_read_cache_hits_total[5m]) / (rate(wsis_read_cache_hits_total[5m]) + rate(wsis_read_cache_misses_total[5m]))</c>.
/// </summary>
public static class WsisMetrics
{
    public const string MeterName = "WsisTracker";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> ReadCacheHits = Meter.CreateCounter<long>("wsis.read_cache.hits", "{lookup}", "Read-cache lookups answered from the cache, by room (aggregates, items, counts).");
    private static readonly Counter<long> ReadCacheMisses = Meter.CreateCounter<long>("wsis.read_cache.misses", "{lookup}", "Read-cache lookups computed (and stored unless uncacheable), by room.");
    private static readonly Counter<long> ReadCacheGenerations = Meter.CreateCounter<long>("wsis.read_cache.generations", "{generation}", "New read-cache generations, by cause (local: a save here; remote: another instance's notification; reconnect).");
    private static readonly Counter<long> OutputCacheHits = Meter.CreateCounter<long>("wsis.output_cache.hits", "{lookup}", "Anonymous pages served from the output cache.");
    private static readonly Counter<long> OutputCacheMisses = Meter.CreateCounter<long>("wsis.output_cache.misses", "{lookup}", "Output-cache lookups that found nothing.");
    private static readonly Counter<long> OutboxQueued = Meter.CreateCounter<long>("wsis.outbox.queued", "{message}", "E-mail messages added to the outbox (counted when added to the write's transaction).");
    private static readonly Counter<long> OutboxSent = Meter.CreateCounter<long>("wsis.outbox.sent", "{message}", "E-mail messages the SMTP server accepted.");
    private static readonly Counter<long> OutboxFailed = Meter.CreateCounter<long>("wsis.outbox.failed", "{attempt}", "Failed sending attempts (each is retried until the message's attempts run out).");
    private static readonly Counter<long> IdempotencyReplays = Meter.CreateCounter<long>("wsis.idempotency.replays", "{request}", "Requests with an Idempotency-Key answered with the stored response.");
    private static readonly Counter<long> IdempotencyConflicts = Meter.CreateCounter<long>("wsis.idempotency.conflicts", "{request}", "Requests with an Idempotency-Key refused, by reason (in-progress, key-reused).");

    public static void ReadCacheLookup(string room, bool hit) =>
        (hit ? ReadCacheHits : ReadCacheMisses).Add(1, new KeyValuePair<string, object?>("room", room));

    public static void ReadCacheGeneration(string cause) => ReadCacheGenerations.Add(1, new KeyValuePair<string, object?>("cause", cause));

    public static void OutputCacheLookup(bool hit) => (hit ? OutputCacheHits : OutputCacheMisses).Add(1);

    public static void OutboxMessageQueued() => OutboxQueued.Add(1);

    public static void OutboxMessageSent() => OutboxSent.Add(1);

    public static void OutboxAttemptFailed() => OutboxFailed.Add(1);

    public static void IdempotencyReplay() => IdempotencyReplays.Add(1);

    public static void IdempotencyConflict(string reason) => IdempotencyConflicts.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
