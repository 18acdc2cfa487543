using WsisTracker.Core.Common;
using WsisTracker.Core.Indicators;

namespace WsisTracker.UnitTests.Indicators;

public sealed class IndicatorLinkTests
{
    private static readonly IndicatorSeries InternetUse = new("IT.NET.USER.ZS", "Individuals using the Internet (% of population)");
    private static readonly IndicatorSeries Broadband = new("IT.NET.BBND.P2", "Fixed broadband subscriptions (per 100 people)");

    private static (IndicatorLink? Link, IReadOnlyDictionary<string, string[]> Errors) Check(IndicatorLinkInput? input, IndicatorSeries? series)
    {
        var errors = new FieldErrors();
        var link = IndicatorLink.Validate(input, series, errors);
        return (link, errors.Any ? errors.ToError().FieldErrors! : new Dictionary<string, string[]>());
    }

    [Fact]
    public void Validate_AllThreeOnAnImportedShare_IsTheLink()
    {
        var (link, errors) = Check(new IndicatorLinkInput("it.net.user.zs", 100, 2030), InternetUse);

        Assert.Empty(errors);
        Assert.Equal(new IndicatorLink("IT.NET.USER.ZS", 100, 2030), link);
    }

    [Fact]
    public void Validate_NothingGiven_IsNoLinkAndNoError()
    {
        Assert.Null(Check(null, null).Link);
        var (link, errors) = Check(new IndicatorLinkInput("  ", null, null), null);
        Assert.Null(link);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("IT.NET.USER.ZS", null, null)]
    [InlineData(null, 80.0, null)]
    [InlineData(null, null, 2030)]
    [InlineData("IT.NET.USER.ZS", 80.0, null)]
    public void Validate_OnlySomeFields_IsRefused(string? code, double? target, int? year)
    {
        var (link, errors) = Check(new IndicatorLinkInput(code, target, year), code is null ? null : InternetUse);

        Assert.Null(link);
        Assert.Equal([IndicatorLink.AllOrNone], errors["indicator"]);
    }

    [Fact]
    public void Validate_ASeriesThatIsNotImported_IsRefusedOnTheCode()
    {
        var (link, errors) = Check(new IndicatorLinkInput("NO.SUCH.SERIES", 50, 2030), null);

        Assert.Null(link);
        Assert.Equal([IndicatorLink.UnknownSeries], errors["indicator.code"]);
    }

    [Theory]
    [InlineData(150.0)]
    [InlineData(-1.0)]
    public void Validate_ATargetOutside0To100OnAShare_IsRefused(double target)
    {
        var (_, errors) = Check(new IndicatorLinkInput("IT.NET.USER.ZS", target, 2030), InternetUse);

        Assert.Equal([IndicatorLink.ShareOutOfRange], errors["indicator.target"]);
    }

    [Fact]
    public void Validate_ASeriesNamedInPercent_IsAShareToo()
    {
        var share = new IndicatorSeries("TEST.SHARE", "Schools connected (% of schools)");

        Assert.True(IndicatorLink.IsShare(share));
        Assert.Equal([IndicatorLink.ShareOutOfRange], Check(new IndicatorLinkInput("TEST.SHARE", 101, 2030), share).Errors["indicator.target"]);
    }

    [Fact]
    public void Validate_ATargetAbove100OnACountSeries_IsAllowed()
    {
        var (link, errors) = Check(new IndicatorLinkInput("IT.NET.BBND.P2", 150, 2030), Broadband);

        Assert.Empty(errors);
        Assert.Equal(150, link!.Target);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Validate_ATargetThatIsNotAFiniteNumber_IsRefused(double target) =>
        Assert.Equal([IndicatorLink.NotANumber], Check(new IndicatorLinkInput("IT.NET.BBND.P2", target, 2030), Broadband).Errors["indicator.target"]);

    [Theory]
    [InlineData(1990)]
    [InlineData(1999)]
    [InlineData(2101)]
    public void Validate_AYearOutside2000To2100_IsRefused(int year) =>
        Assert.Equal([IndicatorLink.YearOutOfRange], Check(new IndicatorLinkInput("IT.NET.USER.ZS", 100, year), InternetUse).Errors["indicator.targetYear"]);

    [Theory]
    [InlineData(2000)]
    [InlineData(2100)]
    public void Validate_TheYearsAtTheEnds_AreAllowed(int year) =>
        Assert.NotNull(Check(new IndicatorLinkInput("IT.NET.USER.ZS", 0, year), InternetUse).Link);
}
