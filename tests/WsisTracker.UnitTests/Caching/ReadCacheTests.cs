using WsisTracker.Core.Caching;

namespace WsisTracker.UnitTests.Caching;

public sealed class ReadCacheTests
{
    private readonly ReadCache _cache = new(TimeSpan.FromMinutes(1), 10, 100);

    [Fact]
    public async Task ConcurrentMisses_ShareOneComputation()
    {
        var computations = 0;
        var release = new TaskCompletionSource();
        async Task<string> Compute()
        {
            Interlocked.Increment(ref computations);
            await release.Task;
            return "dashboard";
        }

        var requests = Enumerable.Range(0, 16).Select(_ => _cache.GetOrCreateAsync("dashboard", Compute)).ToList();
        release.SetResult();

        Assert.All(await Task.WhenAll(requests), value => Assert.Equal("dashboard", value));
        Assert.Equal(1, computations);
        Assert.Equal("dashboard", await _cache.GetOrCreateAsync<string>("dashboard", () => throw new InvalidOperationException("the value is cached")));
    }

    [Fact]
    public async Task AFailedResult_IsNeverCached_SoJunkKeysTakeNoRoom()
    {
        var computations = 0;
        Task<WsisTracker.Core.Common.Result<string>> NotFound()
        {
            computations++;
            return Task.FromResult<WsisTracker.Core.Common.Result<string>>(WsisTracker.Core.Common.Error.NotFound("resolution", "no-such-slug"));
        }

        await _cache.GetOrCreateAsync("reader:no-such-slug", NotFound);
        await _cache.GetOrCreateAsync("reader:no-such-slug", NotFound);

        Assert.Equal(2, computations);
    }

    [Fact]
    public void EntriesLiveLonger_OnlyWhileTheListenerListens_AndItsLossStartsANewGeneration()
    {
        var cache = new ReadCache(TimeSpan.FromSeconds(30)) { ListeningLifetime = TimeSpan.FromMinutes(10) };
        Assert.Equal(TimeSpan.FromSeconds(30), cache.EntryLifetime);

        cache.HearsOthers(true);
        Assert.Equal(TimeSpan.FromMinutes(10), cache.EntryLifetime);

        var generation = cache.Generation;
        cache.HearsOthers(false);
        Assert.Equal(TimeSpan.FromSeconds(30), cache.EntryLifetime);
        Assert.True(cache.Generation > generation, "entries kept for the listening lifetime would outlive the connection that made them safe");
    }

    [Fact]
    public void WithoutAListeningLifetime_EveryEntryLivesMaxAge()
    {
        var cache = new ReadCache(TimeSpan.FromSeconds(30));
        cache.HearsOthers(true);
        Assert.Equal(cache.MaxAge, cache.EntryLifetime);
    }

    [Theory]
    [InlineData("dashboard:", true)]
    [InlineData("dashboard:a-res-70-125", true)]
    [InlineData("commitment:12:345:2030-01-01", true)]
    [InlineData("reader:A-RES-70-125", false)]
    [InlineData("reader:a res", false)]
    [InlineData("reader:%00", false)]
    public void IsCacheableKey_TakesOnlySlugAndIdShapes(string key, bool cacheable) =>
        Assert.Equal(cacheable, ReadCache.IsCacheableKey(key));

    [Fact]
    public async Task AKeyOfAnotherShape_IsComputedEachTime_AndNeverStored()
    {
        var computations = 0;
        Task<string> Compute()
        {
            computations++;
            return Task.FromResult("reader");
        }

        await _cache.GetOrCreateAsync("reader:<script>", Compute);
        await _cache.GetOrCreateAsync("reader:<script>", Compute);

        Assert.Equal(2, computations);
    }

    [Fact]
    public async Task AfterInvalidate_TheNextRequestComputesAgain()
    {
        Assert.Equal("first", await _cache.GetOrCreateAsync("reader", () => Task.FromResult("first")));
        _cache.Invalidate();

        Assert.Equal("second", await _cache.GetOrCreateAsync("reader", () => Task.FromResult("second")));
    }

    [Fact]
    public async Task WhenTheSharedComputationIsCancelled_AWaitingRequestComputesItsOwn()
    {
        var leaderStarted = new TaskCompletionSource();
        var cancel = new TaskCompletionSource();
        async Task<string> Cancelled()
        {
            leaderStarted.SetResult();
            await cancel.Task;
            throw new OperationCanceledException();
        }

        var leader = _cache.GetOrCreateAsync("detail", Cancelled);
        await leaderStarted.Task;
        var follower = _cache.GetOrCreateAsync("detail", () => Task.FromResult("own"));
        cancel.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leader);
        Assert.Equal("own", await follower);
    }

    [Fact]
    public async Task NullIsNotKept()
    {
        Assert.Null(await _cache.GetOrCreateAsync<string?>("missing", () => Task.FromResult<string?>(null)));

        Assert.Equal("found", await _cache.GetOrCreateAsync<string?>("missing", () => Task.FromResult<string?>("found")));
    }
}
