namespace WsisTracker.Core.Indicators;

/// <summary>An indicator series by country and year, imported from the World Bank's CSV download format.</summary>
public sealed class Indicator
{
    /// <summary>The World Bank code, e.g. <c>IT.NET.USER.ZS</c>.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>The attribution and licence the series is shown with.</summary>
    public required string Attribution { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>One country's value of an indicator in one year.</summary>
public sealed class IndicatorValue
{
    public required string IndicatorCode { get; set; }

    public required string CountryIso3 { get; set; }

    public int Year { get; set; }

    public double Value { get; set; }
}
