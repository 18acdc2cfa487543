using System.Text.RegularExpressions;

namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>Patterns of UN resolution texts that both forms share.</summary>
internal static partial class TextRules
{
    private const string SentenceEnds = ".,;:!?";

    /// <summary>
    /// Whether the text ends the way a paragraph does: with a full stop, comma (preambular paragraphs),
    /// semicolon, colon, or such a mark inside closing quotes or brackets. A footnote marker after the mark
    /// ("Human Rights.2", "Framework. 10") does not count. Headings and text cut by a page break end otherwise.
    /// </summary>
    public static bool EndsLikeSentence(string text)
    {
        var trimmed = TrailingFootnoteMarker().Replace(text.TrimEnd(), string.Empty);
        trimmed = trimmed.TrimEnd('”', '’', '"', '\'', ')', ']');
        return trimmed.Length > 0 && SentenceEnds.Contains(trimmed[^1], StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether a block stops in the middle of a sentence: longer than any heading, and ending neither like a
    /// sentence nor with the "; and" / ", or" that joins a list item to the next.
    /// </summary>
    public static bool StopsMidSentence(string text) =>
        text.Length > 200 && !EndsLikeSentence(text) && !ListJoiner().IsMatch(text);

    /// <summary>The rule above a page's footnotes: underscores, or "---" in reflowed text.</summary>
    public static bool IsFootnoteRule(string text) =>
        (text.Length >= 5 && text.All(c => c == '_')) || (text.Length >= 3 && text.All(c => c == '-'));

    public static bool StartsWithLowercase(string text) => text.Length > 0 && char.IsLower(text[0]);

    /// <summary>
    /// A heading is short, starts with a capital and does not end like a sentence ("Internet governance",
    /// "Building confidence and security in the use of information and communications technologies").
    /// </summary>
    public static bool LooksLikeHeading(string text, int lineCount, int maxLines) =>
        lineCount <= maxLines
        && text.Length is > 0 and <= 200
        && char.IsUpper(text[0])
        && !EndsLikeSentence(text);

    public static bool IsAnnexTitle(string title) => AnnexTitle().IsMatch(title);

    public static bool IsEnactingFormula(string text) => EnactingFormula().IsMatch(text);

    public static bool IsMeetingLine(string normalized) => MeetingLine().IsMatch(normalized);

    public static bool IsSubItem(string normalized) => SubItemLabel().IsMatch(normalized);

    /// <summary>The label of a sub-paragraph that starts <paramref name="normalized"/> ("b" for "(b) Trade ..."), or null.</summary>
    public static string? SubItemLabelOf(string normalized) =>
        SubItemLabel().Match(normalized) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>The key an annex is cited by: "annex" for "Annex", "annex-ii" for "Annex II".</summary>
    public static string AnnexKey(string title) =>
        string.Join('-', title.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)).Replace("annexes", "annex", StringComparison.Ordinal);

    /// <summary>"1 December 2015": day, English month name, year.</summary>
    public static DateOnly? ParseDate(string text)
    {
        var normalized = ComposedText.Normalize(text);
        return DateOnly.TryParseExact(
            normalized,
            "d MMMM yyyy",
            System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None,
            out var date)
            ? date
            : null;
    }

    [GeneratedRegex(@"(?<=[.,;:!?”’""')\]])\s?[0-9]{1,3}$")]
    private static partial Regex TrailingFootnoteMarker();

    [GeneratedRegex(@"^Annex(?:es)?(?:\s+[IVXLC]{1,6})?$")]
    private static partial Regex AnnexTitle();

    [GeneratedRegex(@"^The General Assembly,?$")]
    private static partial Regex EnactingFormula();

    [GeneratedRegex(@"^[0-9]{1,3}(?:st|nd|rd|th) plenary meeting$")]
    private static partial Regex MeetingLine();

    /// <summary>The closing meeting line with its date on the same line, as reflowed text sets it.</summary>
    [GeneratedRegex(@"^([0-9]{1,3}(?:st|nd|rd|th) plenary meeting) ([0-9]{1,2} \p{L}+ [0-9]{4})$")]
    public static partial Regex MeetingLineWithDate();

    /// <summary>A footnote rule reflowed onto the end of the text line before it ("and international ---").</summary>
    [GeneratedRegex(@"\s+-{3,}\s*$")]
    public static partial Regex TrailingFootnoteRule();

    [GeneratedRegex(@"[;,]\s+(?:and|or)$")]
    private static partial Regex ListJoiner();

    [GeneratedRegex(@"^\(([a-z]{1,2}|[ivxlc]{1,6})\)(?:\s|$)")]
    private static partial Regex SubItemLabel();

    /// <summary>A roman or letter heading number standing alone on its line ("I.", "IV."), its title on the next.</summary>
    [GeneratedRegex(@"^((?:[IVXLC]{1,6}|[A-Z])\.)$")]
    public static partial Regex LoneHeadingNumber();

    /// <summary>"12. text" or a lone "12." at the start of a paragraph.</summary>
    [GeneratedRegex(@"^([0-9]{1,3})\.(?:\s+(.*))?$")]
    public static partial Regex NumberedParagraph();

    /// <summary>Decimal heading numbers as printed: "1.1", "4.1.", "2.3.1".</summary>
    [GeneratedRegex(@"^([0-9]{1,3}(?:\.[0-9]{1,3})+\.?)\s+(\S.*)$")]
    public static partial Regex DecimalHeading();

    /// <summary>Roman or letter heading numbers: "I.", "IV.", "A.".</summary>
    [GeneratedRegex(@"^((?:[IVXLC]{1,6}|[A-Z])\.)\s+(\S.*)$")]
    public static partial Regex RomanOrLetterHeading();

    /// <summary>
    /// A footnote defined in the Markdown form of reflowed text, "[^7]: See A/69/53.", written as printed at a page
    /// foot ("7 See A/69/53.") so that one pattern (<see cref="FootnoteLine"/>) reads both; any other line is returned
    /// as it is. <paramref name="isMarkdown"/> says which it was.
    /// </summary>
    public static string AsPrintedFootnote(string normalized, out bool isMarkdown)
    {
        var match = MarkdownFootnote().Match(normalized);
        isMarkdown = match.Success;
        return match.Success ? $"{match.Groups[1].Value} {normalized[match.Length..]}".TrimEnd() : normalized;
    }

    [GeneratedRegex(@"^\[\^([0-9]{1,3})\]:\s*")]
    private static partial Regex MarkdownFootnote();

    /// <summary>A footnote as printed at the foot of a page or after the text: "7 See A/69/53.", or a lone "7".</summary>
    [GeneratedRegex(@"^([0-9]{1,3})(?:\s+(\S.*))?$")]
    public static partial Regex FootnoteLine();
}
