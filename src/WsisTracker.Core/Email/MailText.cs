using System.Globalization;
using System.Resources;
using WsisTracker.Core.Common;

namespace WsisTracker.Core.Email;

/// <summary>
/// The e-mails' text in the recipient's language (decision 130): the English text is the key, as on the pages
/// (decision 115), in <c>Email/Resources/MailText.{ar,zh,fr,ru,es}.resx</c>. A culture outside the six, or a text
/// not translated yet, reads in English, never as a key or an error.
/// </summary>
public static class MailText
{
    public const string English = "en";

    /// <summary>The six official UN languages, as the pages name them in their URLs.</summary>
    public static readonly IReadOnlyList<string> Cultures = ["ar", "zh", "en", "fr", "ru", "es"];

    private static readonly ResourceManager Resources = new("WsisTracker.Core.Email.Resources.MailText", typeof(MailText).Assembly);

    /// <summary><paramref name="culture"/> when it is one of the six, else English.</summary>
    public static string Known(string? culture) =>
        culture is not null && Cultures.Contains(culture, StringComparer.Ordinal) ? culture : English;

    public static CultureInfo CultureOf(string culture) => CultureInfo.GetCultureInfo(Known(culture));

    /// <summary>The text of <paramref name="english"/> in <paramref name="culture"/>.</summary>
    public static string Get(string culture, string english) =>
        Known(culture) == English ? english : Resources.GetString(english, CultureOf(culture)) ?? english;

    /// <summary>The text of <paramref name="english"/> in <paramref name="culture"/> with its <c>{0}</c> places filled.</summary>
    public static string Format(string culture, string english, params object[] values) =>
        string.Format(CultureOf(culture), Get(culture, english), values);

    /// <summary>"1 commitment", "5 commitments"; in Russian or Arabic the form the number asks for (keys "{0} commitments|few").</summary>
    public static string Count(string culture, int count, string singular)
    {
        var english = count == 1 ? $"1 {singular}" : $"{count.ToString(CultureInfo.InvariantCulture)} {singular}s";
        if (Known(culture) == English)
        {
            return english;
        }

        var info = CultureOf(culture);
        var text = Resources.GetString(PluralRules.Key(singular, PluralRules.Category(culture, count)), info)
            ?? Resources.GetString(PluralRules.Key(singular, PluralRules.Other), info);
        return text is null ? english : string.Format(info, text, count.ToString("N0", info));
    }

    public static string Date(string culture, DateOnly date) => DateWords.In(date, CultureOf(culture));

    /// <summary>The site path of a page in <paramref name="culture"/>: English pages have no prefix, the others <c>/fr/...</c>.</summary>
    public static string PathIn(string culture, string path) => Known(culture) == English ? path : $"/{Known(culture)}{path}";
}
