using WsisTracker.Core.Common;

namespace WsisTracker.Core.Commitments;

/// <summary>Where a commitment applies: everywhere, in some M49 regions, or in some countries (decision 113).</summary>
public enum GeographicScopeKind
{
    Global,
    Regional,
    National,
}

/// <summary>A geographic scope as a form or a request gives it: the kind and the codes, as typed.</summary>
public sealed record GeographicScopeInput(GeographicScopeKind? Kind, IReadOnlyList<string>? Regions, IReadOnlyList<string>? Countries);

/// <summary>
/// A commitment's geographic scope, normalised: the M49 codes of the regions covered (regional) or the ISO 3166-1
/// alpha-3 codes of the countries covered (national), distinct and sorted; both empty for a global scope.
/// </summary>
public sealed record GeographicScope(GeographicScopeKind Kind, IReadOnlyList<string> Regions, IReadOnlyList<string> Countries)
{
    public static readonly GeographicScope Global = new(GeographicScopeKind.Global, [], []);

    /// <summary>
    /// The rule of a scope (decision 113): a global scope names no codes; a regional one names 1 to
    /// <see cref="Limits.ScopeCodes"/> M49 areas below the world (region, sub-region or intermediate region) and no
    /// country; a national one names 1 to <see cref="Limits.ScopeCodes"/> countries of the M49 list and no region. Codes
    /// are trimmed, country codes upper-cased, repeats dropped and the rest sorted. <paramref name="isRegion"/> and
    /// <paramref name="isCountry"/> say whether a normalised code is known (the caller reads the reference tables).
    /// Null when the input breaks the rule; the problems are in <paramref name="errors"/> under <c>scope.*</c>.
    /// </summary>
    public static GeographicScope? Validate(GeographicScopeInput input, Func<string, bool> isRegion, Func<string, bool> isCountry, FieldErrors errors)
    {
        var before = errors.Count;
        var regions = Normalise(input.Regions, upper: false);
        var countries = Normalise(input.Countries, upper: true);
        switch (input.Kind)
        {
            case GeographicScopeKind.Global:
                if (regions.Count > 0 || countries.Count > 0)
                {
                    errors.Add(RegionsField, "A global scope names no region and no country.");
                }

                break;
            case GeographicScopeKind.Regional:
                if (regions.Count == 0)
                {
                    errors.Add(RegionsField, "A regional scope names at least one M49 region.");
                }

                if (countries.Count > 0)
                {
                    errors.Add(CountriesField, "A regional scope names regions, not countries.");
                }

                Known(regions, isRegion, RegionsField, code => $"'{PlainText.Cut(code, 12)}' is not an M49 region, sub-region or intermediate region (such as 002 or 034).", errors);
                break;
            case GeographicScopeKind.National:
                if (countries.Count == 0)
                {
                    errors.Add(CountriesField, "A national scope names at least one country.");
                }

                if (regions.Count > 0)
                {
                    errors.Add(RegionsField, "A national scope names countries, not regions.");
                }

                Known(countries, isCountry, CountriesField, code => $"'{PlainText.Cut(code, 12)}' is not a country of the UN M49 list (ISO 3166-1 alpha-3, such as KEN).", errors);
                break;
            default:
                errors.Add(KindField, "Choose a geographic scope: global, regional or national.");
                break;
        }

        if (regions.Count > Limits.ScopeCodes || countries.Count > Limits.ScopeCodes)
        {
            errors.Add(regions.Count > Limits.ScopeCodes ? RegionsField : CountriesField, $"At most {Limits.ScopeCodes} codes.");
        }

        return errors.Count > before ? null : new GeographicScope(input.Kind!.Value, regions, countries);
    }

    /// <summary>The codes a rule check must look up: every region and country code of the input, normalised.</summary>
    public static (IReadOnlyList<string> Regions, IReadOnlyList<string> Countries) CodesOf(GeographicScopeInput input) =>
        (Normalise(input.Regions, upper: false), Normalise(input.Countries, upper: true));

    public const string KindField = "scope.kind";
    public const string RegionsField = "scope.regions";
    public const string CountriesField = "scope.countries";

    private static List<string> Normalise(IReadOnlyList<string>? codes, bool upper) =>
        [.. (codes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => upper ? c.Trim().ToUpperInvariant() : c.Trim())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static void Known(IReadOnlyList<string> codes, Func<string, bool> isKnown, string field, Func<string, string> problem, FieldErrors errors)
    {
        // A code of a length no code has is reported as unknown without a look-up; one that is not text, as such.
        foreach (var code in codes.Take(Limits.ScopeCodes + 1))
        {
            if (!PlainText.IsValid(code))
            {
                errors.Add(field, PlainText.Problem);
            }
            else if (code.Length > Limits.CountryCode || !isKnown(code))
            {
                errors.Add(field, problem(code));
            }
        }
    }
}

/// <summary>A commitment's geographic scope as its read models carry it: the kind and the codes covered.</summary>
public sealed record GeographicScopeModel(GeographicScopeKind Kind, IReadOnlyList<string> Regions, IReadOnlyList<string> Countries)
{
    public static readonly GeographicScopeModel Global = new(GeographicScopeKind.Global, [], []);
}
