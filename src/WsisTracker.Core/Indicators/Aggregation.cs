namespace WsisTracker.Core.Indicators;

/// <summary>An aggregate of an indicator over a set of countries in one year, saying how it was computed.</summary>
public sealed record AggregateValue(
    string Scope,
    string Label,
    int? Year,
    double? Value,
    string Weighting,
    int Countries,
    int CountriesWithValue,
    int CountriesWithoutValue);

/// <summary>
/// The aggregation rule (decision 112). For a set of countries, the year is the latest in which at least half of them
/// have a value (so a year that a few early reporters fill is not taken for the whole); the value is the mean over
/// the countries with a value that year, weighted by the weight series (population, <c>SP.POP.TOTL</c>) when one is
/// imported and every such country has a weight for that year, else unweighted. The weighting used and the countries
/// without a value are always stated.
/// </summary>
public static class Aggregation
{
    public const string WeightSeries = "SP.POP.TOTL";

    /// <summary>The weighting texts (the API's <c>weighting</c>); the pages translate them by these keys.</summary>
    public const string NoYear = "no year in which at least half of the countries have a value";

    public const string Unweighted = "unweighted mean of the countries with a value (no population series is imported)";

    /// <summary>{0} the weight series, {1} the year.</summary>
    public const string Weighted = "weighted by population ({0}, {1})";

    /// <summary>{0} the weight series, {1} the year.</summary>
    public const string UnweightedForLackOfWeights = "unweighted mean of the countries with a value ({0} lacks some of them in {1})";

    public static AggregateValue Compute(
        string scope,
        string label,
        IReadOnlyCollection<string> members,
        IReadOnlyDictionary<(string Iso3, int Year), double> values,
        IReadOnlyDictionary<(string Iso3, int Year), double>? weights)
    {
        var byYear = values.Where(v => members.Contains(v.Key.Iso3)).GroupBy(v => v.Key.Year).ToDictionary(g => g.Key, g => g.Count());
        int? year = byYear.Where(y => y.Value * 2 >= members.Count).Select(y => (int?)y.Key).Max();
        if (year is null || members.Count == 0)
        {
            return new AggregateValue(scope, label, null, null, NoYear, members.Count, 0, members.Count);
        }

        var withValue = members.Where(m => values.ContainsKey((m, year.Value))).ToList();
        double value;
        string weighting;
        if (weights is not null && withValue.All(m => weights.ContainsKey((m, year.Value))))
        {
            var total = withValue.Sum(m => weights[(m, year.Value)]);
            value = withValue.Sum(m => values[(m, year.Value)] * weights[(m, year.Value)]) / total;
            weighting = string.Format(System.Globalization.CultureInfo.InvariantCulture, Weighted, WeightSeries, year);
        }
        else
        {
            value = withValue.Average(m => values[(m, year.Value)]);
            weighting = weights is null
                ? Unweighted
                : string.Format(System.Globalization.CultureInfo.InvariantCulture, UnweightedForLackOfWeights, WeightSeries, year);
        }

        return new AggregateValue(scope, label, year, Math.Round(value, 2), weighting, members.Count, withValue.Count, members.Count - withValue.Count);
    }
}
