using WsisTracker.Core.Accounts;

namespace WsisTracker.UnitTests.Accounts;

public sealed class SignInDelaysTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    [InlineData(8, 32)]
    public void After_FailuresInARow_TheWaitDoublesFromTheThird(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SignInDelays.After(failures));

    [Theory]
    [InlineData(12)]
    [InlineData(40)]
    [InlineData(int.MaxValue)]
    public void After_ManyFailures_NeverWaitsMoreThanFiveMinutes(int failures) =>
        Assert.Equal(SignInDelays.MaximumDelay, SignInDelays.After(failures));
}
