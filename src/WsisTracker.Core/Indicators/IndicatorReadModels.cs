namespace WsisTracker.Core.Indicators;

public sealed record IndicatorModel(string Code, string Name, string Attribution, DateTimeOffset ImportedAt, int Values, int? FirstYear, int? LastYear);

public sealed record IndicatorPoint(string Country, int Year, double Value);

/// <summary>An indicator's values, filtered; <see cref="GroupingsAsOf"/> is the day a grouping filter was read for.</summary>
public sealed record IndicatorValues(string Code, string Name, string Attribution, DateOnly GroupingsAsOf, int Count, IReadOnlyList<IndicatorPoint> Values);

/// <summary>What an import found (a preview) or stored: the series, its values, countries and years, and the rows left out.</summary>
public sealed record IndicatorImport(string Code, string Name, int Values, int Countries, int? FirstYear, int? LastYear, IReadOnlyList<string> NotCountries, IReadOnlyList<ImportProblem> Problems, bool Stored)
{
    /// <summary>Why the attribution given cannot be stored (<see cref="IndicatorService.CheckAttribution"/>); null when it can.</summary>
    public string? AttributionProblem { get; init; }
}

/// <summary>The aggregates of an indicator for the world, each M49 region and each grouping, with the groupings' date.</summary>
public sealed record IndicatorAggregates(string Code, string Name, string Attribution, DateOnly GroupingsAsOf, IReadOnlyList<AggregateValue> Aggregates)
{
    /// <summary>The M49 names of the regions aggregated, by code, for pages that show them in the reader's language.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, WsisTracker.Core.Countries.LocalizedNames> RegionNames { get; init; } = new Dictionary<string, WsisTracker.Core.Countries.LocalizedNames>();

    /// <summary>A share in percent (<see cref="IndicatorLink.IsShare"/>): its values are shown as percentages.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsShare => IndicatorLink.IsShare(new IndicatorSeries(Code, Name));
}

public sealed record IndicatorQuery(string? Country = null, string? Region = null, string? Grouping = null, int? From = null, int? To = null);

/// <summary>A commitment's measurable target on an indicator, with the latest aggregates against it.</summary>
public sealed record CommitmentIndicator(double Target, int TargetYear, IndicatorAggregates Series)
{
    /// <summary>How far an aggregate is from the target (target minus value), in the indicator's unit.</summary>
    public static double? Gap(double target, AggregateValue aggregate) => aggregate.Value is { } v ? Math.Round(target - v, 2) : null;
}
