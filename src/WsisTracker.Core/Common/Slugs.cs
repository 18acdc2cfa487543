namespace WsisTracker.Core.Common;

/// <summary>
/// The one slug rule, for a resolution's document symbol and a stakeholder's name alike: lower case, every run of
/// characters other than ASCII letters and digits a single hyphen, none at either end.
/// </summary>
public static class Slugs
{
    public static string From(string text)
    {
        var chars = text.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = new string(chars);
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Trim('-');
    }
}
