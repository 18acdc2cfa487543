using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Caching.Memory;

namespace WsisTracker.Core.Caching;

/// <summary>
/// Caches the read models that cost whole-table aggregates (the dashboard, the resolution reader) or many queries (a
/// commitment's detail, which is also keyed by the commitment's version: see the commitment service). Every successful
/// save through <see cref="Data.WsisTrackerDbContext"/> in this process starts a new generation, so a write is seen at
/// once here. An audited write also sends a PostgreSQL notification on <see cref="ChangeChannel"/> when it commits
/// (decision 122), and each instance's listener starts a new generation when another instance's arrives; without
/// that listener (off, or its connection down) another instance's writes are seen when the entry expires, at most
/// <see cref="MaxAge"/> later.
/// The aggregates (<see cref="GetOrCreateAggregateAsync"/>) and the per-item entries (<see cref="GetOrCreateAsync"/>)
/// have a room each, so any number of distinct items can never evict the dashboard; a key that is not of the
/// expected shape (see <see cref="IsCacheableKey"/>) is computed and never stored.
/// </summary>
public sealed partial class ReadCache(
    TimeSpan maxAge,
    int aggregateEntries = ReadCache.DefaultAggregateEntries,
    int itemEntries = ReadCache.DefaultItemEntries,
    int countEntries = ReadCache.DefaultCountEntries) : IDisposable
{
    /// <summary>How stale another instance's view may be unless <c>Caching:ReadModelSeconds</c> says otherwise.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromSeconds(30);

    /// <summary>How long entries live while the change listener listens, unless <c>Caching:ListeningReadModelSeconds</c> says otherwise.</summary>
    public static readonly TimeSpan DefaultListeningLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The dashboard per resolution filter (and the generations a burst of writes leaves behind until they expire).</summary>
    public const int DefaultAggregateEntries = 200;

    /// <summary>Commitment details and resolution readers.</summary>
    public const int DefaultItemEntries = 1_000;

    /// <summary>The lists' total counts, one per filter set (decision 120).</summary>
    public const int DefaultCountEntries = 1_000;

    /// <summary>The PostgreSQL notification channel every instance listens on (decision 122).</summary>
    public const string ChangeChannel = "wsis_tracker_changes";

    private readonly MemoryCache _aggregates = new(new MemoryCacheOptions { SizeLimit = aggregateEntries });
    private readonly MemoryCache _items = new(new MemoryCacheOptions { SizeLimit = itemEntries });
    private readonly MemoryCache _counts = new(new MemoryCacheOptions { SizeLimit = countEntries });
    private readonly ConcurrentDictionary<string, object> _inFlight = new();
    private long _generation;

    /// <summary>The longest an entry is served: the bound on how late this instance sees another instance's writes.</summary>
    public TimeSpan MaxAge { get; } = maxAge > TimeSpan.Zero
        ? maxAge
        : throw new ArgumentOutOfRangeException(nameof(maxAge), maxAge, "The read cache's maximum age must be positive.");

    /// <summary>
    /// How long an entry is kept while this instance hears every other instance's writes (its change listener is
    /// listening and no read may come from a lagging standby): a write starts a new generation then, so age adds
    /// nothing. Null (no listener, or a standby configured): every entry expires at <see cref="MaxAge"/> (decision 127).
    /// </summary>
    public TimeSpan? ListeningLifetime { get; init; }

    private int _hearsOthers;

    /// <summary>The lifetime of an entry stored now: <see cref="ListeningLifetime"/> while the listener listens, else <see cref="MaxAge"/>.</summary>
    public TimeSpan EntryLifetime => ListeningLifetime is { } lifetime && Volatile.Read(ref _hearsOthers) == 1 ? lifetime : MaxAge;

    /// <summary>
    /// The change listener says it listens (after its own new generation), or that it stopped: then a new generation
    /// starts, so nothing kept for <see cref="ListeningLifetime"/> outlives the connection that made it safe to keep.
    /// </summary>
    public void HearsOthers(bool listening)
    {
        Volatile.Write(ref _hearsOthers, listening ? 1 : 0);
        if (!listening)
        {
            Invalidate("listener-lost");
        }
    }

    /// <summary>The current generation: a new one starts with every save in this process.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Starts a new generation; <paramref name="cause"/> tags the <c>wsis.read_cache.generations</c> counter.</summary>
    public void Invalidate(string cause = "local")
    {
        Interlocked.Increment(ref _generation);
        Common.WsisMetrics.ReadCacheGeneration(cause);
    }

    /// <summary>
    /// What this instance's change notifications carry (so its listener can skip its own, already applied), or null
    /// when cross-instance invalidation is off (<c>Caching:CrossInstanceInvalidation</c>) and audited writes notify no one.
    /// </summary>
    public string? ChangeOrigin { get; init; }

    /// <summary>
    /// The entry for the key in this generation, or the value <paramref name="create"/> makes (kept unless null or a
    /// failed <see cref="Common.IOutcome"/>: a "not found" is never cached, so keys made from unchecked input, such as
    /// an unknown slug, take no room from the entries worth keeping).
    /// Concurrent misses of one key share one computation: a cold dashboard at 100,000 commitments takes seconds,
    /// and 32 requests computing it side by side would each take 32 times as long. A request whose shared computation
    /// was cancelled (the first requester went away) computes its own.
    /// </summary>
    public Task<T> GetOrCreateAsync<T>(string key, Func<Task<T>> create) => GetOrCreateInAsync(_items, "items", key, create);

    /// <summary>As <see cref="GetOrCreateAsync"/>, in the room of the aggregates, which per-item entries cannot take.</summary>
    public Task<T> GetOrCreateAggregateAsync<T>(string key, Func<Task<T>> create) => GetOrCreateInAsync(_aggregates, "aggregates", key, create);

    /// <summary>
    /// As <see cref="GetOrCreateAsync"/>, in the room of the lists' total counts (decision 120): their keys come from
    /// free text (the filter <c>q</c>), so a stream of distinct filters evicts only other counts.
    /// </summary>
    public Task<int> GetOrCreateCountAsync(string key, Func<Task<int>> create) => GetOrCreateInAsync(_counts, "counts", key, create);

    /// <summary>
    /// A key is a kind and values made of lowercase letters, digits, '-' and '.', joined by ':' (such as
    /// <c>reader:a-res-70-125</c> or <c>commitment:12:345:2030-01-01</c>), at most 160 characters: anything else came
    /// from input no slug or id has, and is not worth a place.
    /// </summary>
    public static bool IsCacheableKey(string key) => key.Length <= 160 && KeyShape().IsMatch(key);

    public void Dispose()
    {
        _aggregates.Dispose();
        _items.Dispose();
        _counts.Dispose();
    }

    [GeneratedRegex("^[a-z]+(:[a-z0-9.-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyShape();

    private async Task<T> GetOrCreateInAsync<T>(MemoryCache cache, string room, string key, Func<Task<T>> create)
    {
        if (!IsCacheableKey(key))
        {
            Common.WsisMetrics.ReadCacheLookup(room, hit: false);
            return await create();
        }

        var generationKey = $"{key}#{Generation}";
        if (cache.TryGetValue(generationKey, out T? cached) && cached is not null)
        {
            Common.WsisMetrics.ReadCacheLookup(room, hit: true);
            return cached;
        }

        Common.WsisMetrics.ReadCacheLookup(room, hit: false);

        var mine = new Lazy<Task<T>>(create);
        if (_inFlight.GetOrAdd(generationKey, mine) is Lazy<Task<T>> shared && !ReferenceEquals(shared, mine))
        {
            try
            {
                return await shared.Value;
            }
            catch (OperationCanceledException)
            {
                return await create();
            }
        }

        try
        {
            var value = await mine.Value;
            if (value is not null and not Common.IOutcome { Succeeded: false })
            {
                cache.Set(generationKey, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = EntryLifetime, Size = 1 });
            }

            return value;
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, object>(generationKey, mine));
        }
    }
}
