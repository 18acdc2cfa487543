namespace WsisTracker.IntegrationTests.Infrastructure;

/// <summary>
/// The app's clock in tests: the system's time moved by <see cref="Offset"/> (zero unless a test moves it, and then
/// only inside <see cref="MoveAsync"/>, which puts it back), so a test can let days pass without waiting.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public DateOnly Today => DateOnly.FromDateTime(GetUtcNow().UtcDateTime);

    /// <summary>Runs <paramref name="action"/> with the clock moved on by <paramref name="by"/> (from where it stands), then moves it back.</summary>
    public async Task MoveAsync(TimeSpan by, Func<Task> action)
    {
        var before = Interlocked.Read(ref _offsetTicks);
        Interlocked.Exchange(ref _offsetTicks, before + by.Ticks);
        try
        {
            await action();
        }
        finally
        {
            Interlocked.Exchange(ref _offsetTicks, before);
        }
    }
}
