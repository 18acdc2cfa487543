namespace WsisTracker.Core.Common;

/// <summary>
/// The CLDR plural category of a whole number in the six UN languages (https://cldr.unicode.org, "Language Plural
/// Rules"; integers only, so the rules' visible-fraction operands are zero). A page looks up the form of a counted
/// noun by this category (docs/languages.md).
/// </summary>
public static class PluralRules
{
    public const string Zero = "zero";
    public const string One = "one";
    public const string Two = "two";
    public const string Few = "few";
    public const string Many = "many";
    public const string Other = "other";

    /// <summary>The categories a language distinguishes, in CLDR's order.</summary>
    public static IReadOnlyList<string> CategoriesOf(string language) => Language(language) switch
    {
        "ru" => [One, Few, Many, Other],
        "ar" => [Zero, One, Two, Few, Many, Other],
        "zh" => [Other],
        "fr" => [One, Many, Other],
        "es" => [One, Many, Other],
        _ => [One, Other],
    };

    /// <summary>The category of <paramref name="count"/> in <paramref name="language"/> (a culture name such as "fr" or "ru-RU").</summary>
    public static string Category(string language, long count)
    {
        var n = Math.Abs(count);
        return Language(language) switch
        {
            // one: i = 1 and v = 0 ... here v = 0, so the "i % 10" rules hold with n.
            "ru" => n % 10 == 1 && n % 100 != 11 ? One
                : n % 10 is >= 2 and <= 4 && n % 100 is not (>= 12 and <= 14) ? Few
                : Many,
            "ar" => n == 0 ? Zero
                : n == 1 ? One
                : n == 2 ? Two
                : n % 100 is >= 3 and <= 10 ? Few
                : n % 100 is >= 11 and <= 99 ? Many
                : Other,
            "zh" => Other,
            // one: i = 0,1; many: e = 0 and i != 0 and i % 1000000 = 0 and v = 0 (a million, two million...).
            "fr" => n is 0 or 1 ? One : n != 0 && n % 1_000_000 == 0 ? Many : Other,
            // one: n = 1; many: as French.
            "es" => n == 1 ? One : n != 0 && n % 1_000_000 == 0 ? Many : Other,
            _ => n == 1 ? One : Other,
        };
    }

    /// <summary>The separator between a counted noun's key and its CLDR plural category: "{0} commitments|few".</summary>
    public const char Separator = '|';

    /// <summary>The resource key of one plural form of a counted noun: "{0} commitments|few" (the pages' and the e-mails' resources).</summary>
    public static string Key(string singular, string category) => $"{{0}} {singular}s{Separator}{category}";

    private static string Language(string culture)
    {
        var dash = culture.IndexOf('-', StringComparison.Ordinal);
        return (dash < 0 ? culture : culture[..dash]).ToLowerInvariant();
    }
}
