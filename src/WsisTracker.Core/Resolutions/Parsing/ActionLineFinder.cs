using System.Text.RegularExpressions;

namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>
/// Finds the WSIS action lines a paragraph names by code. Only explicit codes C1 to C11 count, and only after the
/// paragraph has spoken of an "action line": "action line C10" gives C10, "action lines C1 to C11" gives C1 and C11
/// (the range is not expanded), and a paragraph that merely mentions "action lines" names none.
/// </summary>
internal static partial class ActionLineFinder
{
    public static IReadOnlyList<string> Find(string text)
    {
        var mention = ActionLineWords().Match(text);
        if (!mention.Success)
        {
            return [];
        }

        return Code().Matches(text, mention.Index)
            .Select(match => match.Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"\baction lines?\b", RegexOptions.IgnoreCase)]
    private static partial Regex ActionLineWords();

    [GeneratedRegex(@"(?<![\p{L}\p{N}/.-])C(?:1[01]|[1-9])(?![\p{L}\p{N}])")]
    private static partial Regex Code();
}
