using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// The resource keys with places (<c>At most {0} characters.</c>) of one culture, each as a pattern that a message
/// with values written into it matches (<see cref="PageText.Message"/>). Built once per culture from its resx; the most
/// specific key (the most fixed text) comes first, so "At most {0} rows at a time." wins over "At most {0} rows.".
/// </summary>
public sealed partial class MessageTemplates
{
    /// <summary>A key with less fixed text than this ("{0}: {1}", "Line {0}:") would match messages it was never written for.</summary>
    private const int MinimumFixedText = 8;

    private static readonly ConcurrentDictionary<string, IReadOnlyList<MessageTemplates>> ByCulture = new(StringComparer.Ordinal);

    private readonly Regex _pattern;
    private readonly int[] _order;

    private MessageTemplates(Regex pattern, int[] order, string translation, int fixedLength)
    {
        _pattern = pattern;
        _order = order;
        Translation = translation;
        FixedLength = fixedLength;
    }

    public string Translation { get; }

    private int FixedLength { get; }

    public static IReadOnlyList<MessageTemplates> Of(string culture, IStringLocalizer localizer) =>
        ByCulture.GetOrAdd(culture, _ => Build(localizer));

    /// <summary>The values <paramref name="message"/> writes into this key's places, in the places' order, or null.</summary>
    public string[]? Match(string message)
    {
        Match match;
        try
        {
            match = _pattern.Match(message);
        }
        catch (RegexMatchTimeoutException)
        {
            // A message long enough to make a key with several places slow is shown as it is, never as an error.
            return null;
        }

        if (!match.Success)
        {
            return null;
        }

        var values = new string[_order.Length == 0 ? 0 : _order.Max() + 1];
        for (var i = 0; i < _order.Length; i++)
        {
            values[_order[i]] = match.Groups[i + 1].Value;
        }

        return values;
    }

    private static IReadOnlyList<MessageTemplates> Build(IStringLocalizer localizer)
    {
        IEnumerable<LocalizedString> all;
        try
        {
            all = localizer.GetAllStrings(includeParentCultures: false).ToList();
        }
        catch (MissingManifestResourceException)
        {
            return [];
        }

        var templates = new List<MessageTemplates>();
        foreach (var entry in all)
        {
            var places = Place().Matches(entry.Name);
            var fixedLength = entry.Name.Length - places.Sum(p => p.Length);
            if (places.Count == 0 || fixedLength < MinimumFixedText || entry.Name.Contains(PageText.PluralSeparator, StringComparison.Ordinal))
            {
                continue;
            }

            var pattern = "^";
            var at = 0;
            var order = new List<int>();
            foreach (Match place in places)
            {
                pattern += Regex.Escape(entry.Name[at..place.Index]) + "(.+?)";
                order.Add(int.Parse(place.Groups[1].Value, CultureInfo.InvariantCulture));
                at = place.Index + place.Length;
            }

            pattern += Regex.Escape(entry.Name[at..]) + "$";
            templates.Add(new MessageTemplates(new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromMilliseconds(100)), [.. order], entry.Value, fixedLength));
        }

        return [.. templates.OrderByDescending(t => t.FixedLength)];
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Place();
}
