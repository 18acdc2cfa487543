using WsisTracker.Core.Common;

namespace WsisTracker.Core.Indicators;

/// <summary>A commitment's measurable target as an editor or a tool gives it: any of the three may be missing.</summary>
public sealed record IndicatorLinkInput(string? Code, double? Target, int? TargetYear)
{
    /// <summary>No field given: the commitment is measured on no indicator.</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(Code) && Target is null && TargetYear is null;
}

/// <summary>An imported series as the link rule needs it: its code and name.</summary>
public sealed record IndicatorSeries(string Code, string Name);

/// <summary>A commitment's measurable target: the imported series it is read on, the target value and the year it is due.</summary>
public sealed record IndicatorLink(string Code, double Target, int TargetYear)
{
    public const int EarliestYear = 2000;
    public const int LatestYear = 2100;

    public const string AllOrNone = "Give the indicator, its target value and its target year together, or none of them.";
    public const string UnknownSeries = "There is no imported indicator series with this code.";
    public const string ShareOutOfRange = "This indicator is a share in percent: give a target between 0 and 100.";
    public const string NotANumber = "Give the target as a number.";
    public const string YearOutOfRange = "Give a target year between 2000 and 2100.";

    /// <summary>A share of a whole in percent: a World Bank code ending in <c>.ZS</c> or a name with "(%".</summary>
    public static bool IsShare(IndicatorSeries series) =>
        series.Code.EndsWith(".ZS", StringComparison.OrdinalIgnoreCase) || series.Name.Contains("(%", StringComparison.Ordinal);

    /// <summary>
    /// The rule of a commitment's link to an indicator, the one every entry point (form, API, CSV) goes through: the
    /// code, the target and the year together or none of them; the code names an imported series
    /// (<paramref name="series"/> is the one found by it, null when there is none); the target a finite number, within
    /// 0..100 for a share (<see cref="IsShare"/>); the year within <see cref="EarliestYear"/>..<see cref="LatestYear"/>.
    /// Returns the link, or null when none is given or a rule is broken (the problems are in <paramref name="errors"/>,
    /// under <c>indicator</c> and its members).
    /// </summary>
    public static IndicatorLink? Validate(IndicatorLinkInput? input, IndicatorSeries? series, FieldErrors errors)
    {
        if (input is null || input.IsEmpty)
        {
            return null;
        }

        var broken = false;
        void Refuse(string field, string message)
        {
            errors.Add(field, message);
            broken = true;
        }

        if (string.IsNullOrWhiteSpace(input.Code) || input.Target is null || input.TargetYear is null)
        {
            Refuse("indicator", AllOrNone);
        }

        if (!string.IsNullOrWhiteSpace(input.Code) && series is null)
        {
            Refuse("indicator.code", UnknownSeries);
        }

        if (input.Target is { } target)
        {
            if (!double.IsFinite(target))
            {
                Refuse("indicator.target", NotANumber);
            }
            else if (series is not null && IsShare(series) && target is < 0 or > 100)
            {
                Refuse("indicator.target", ShareOutOfRange);
            }
        }

        if (input.TargetYear is < EarliestYear or > LatestYear)
        {
            Refuse("indicator.targetYear", YearOutOfRange);
        }

        return !broken ? new IndicatorLink(series!.Code, input.Target!.Value, input.TargetYear!.Value) : null;
    }
}
