using System.Globalization;

namespace WsisTracker.Core.Common;

/// <summary>A date in words, in the order and with the month names of a culture: the pages and the e-mails say dates this way.</summary>
public static class DateWords
{
    /// <summary>"3 December 2026", "3 décembre 2026", "3 de diciembre de 2026", "3 декабря 2026 г.", "2026年12月3日".</summary>
    public static string In(DateOnly date, CultureInfo culture)
    {
        var pattern = culture.TwoLetterISOLanguageName switch
        {
            "es" => "d 'de' MMMM 'de' yyyy",
            "ru" => "d MMMM yyyy 'г.'",
            "zh" => "yyyy'年'M'月'd'日'",
            "ar" or "fr" => "d MMMM yyyy",
            _ => null,
        };
        return pattern is null
            ? date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)
            : date.ToString(pattern, culture);
    }
}
