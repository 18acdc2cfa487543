using System.Globalization;

namespace WsisTracker.Core.Countries;

/// <summary>A name in the six official languages of the United Nations, as the UNSD M49 exports give it.</summary>
public sealed record LocalizedNames(string En, string Fr, string Es, string Ar, string Zh, string Ru)
{
    /// <summary>
    /// The one place a name is chosen for display: the name in <paramref name="culture"/>'s language when it is one of
    /// the six, else English.
    /// </summary>
    public string In(CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "fr" => Fr,
        "es" => Es,
        "ar" => Ar,
        "zh" => Zh,
        "ru" => Ru,
        _ => En,
    };

    /// <summary>The language <see cref="In"/> answers in for <paramref name="culture"/> (a BCP 47 tag for <c>lang</c>).</summary>
    public static string LanguageOf(CultureInfo culture) => culture.TwoLetterISOLanguageName is "fr" or "es" or "ar" or "zh" or "ru"
        ? culture.TwoLetterISOLanguageName
        : "en";
}

/// <summary>The level of an M49 area: the world, a region (Africa), a sub-region (Sub-Saharan Africa), an intermediate region (Middle Africa).</summary>
public enum RegionLevel
{
    Global,
    Region,
    SubRegion,
    IntermediateRegion,
}

/// <summary>An M49 area above the countries, keyed by its three-digit M49 code.</summary>
public sealed class Region
{
    public required string Code { get; set; }

    public RegionLevel Level { get; set; }

    /// <summary>The M49 code of the area this one is part of (none for the world).</summary>
    public string? ParentCode { get; set; }

    public required string NameEn { get; set; }

    public required string NameFr { get; set; }

    public required string NameEs { get; set; }

    public required string NameAr { get; set; }

    public required string NameZh { get; set; }

    public required string NameRu { get; set; }
}

/// <summary>A country or area of the M49 standard, keyed by its ISO 3166-1 alpha-3 code.</summary>
public sealed class Country
{
    public required string Iso3 { get; set; }

    public required string Iso2 { get; set; }

    /// <summary>The three-digit M49 code, e.g. <c>004</c>.</summary>
    public required string M49 { get; set; }

    public required string NameEn { get; set; }

    public required string NameFr { get; set; }

    public required string NameEs { get; set; }

    public required string NameAr { get; set; }

    public required string NameZh { get; set; }

    public required string NameRu { get; set; }

    /// <summary>The M49 region (none for Antarctica).</summary>
    public string? RegionCode { get; set; }

    public string? SubRegionCode { get; set; }

    public string? IntermediateRegionCode { get; set; }
}

/// <summary>A grouping of countries the resolutions name: <c>ldc</c>, <c>lldc</c>, <c>sids</c>.</summary>
public sealed class Grouping
{
    public const string Ldc = "ldc";
    public const string Lldc = "lldc";
    public const string Sids = "sids";

    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>Which list the membership follows (the SIDS lists of UN offices differ).</summary>
    public required string Source { get; set; }
}
