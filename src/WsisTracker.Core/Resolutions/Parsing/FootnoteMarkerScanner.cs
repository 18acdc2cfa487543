using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>
/// Finds footnote markers in paragraph texts and removes them. Both forms lose the superscript, so a marker is a
/// number standing where a number would not otherwise stand:
/// <list type="bullet">
/// <item>glued to a word ("Information Society1 that"): the word has at least two letters and is not mixed case,
/// so codes such as "C10" or "IPv6" are not markers;</item>
/// <item>glued to punctuation after a word or a closing quote ("Development,2 supports", "Rights.3");</item>
/// <item>glued to a year, directly or after punctuation ("26 June 20147" is "2014" and marker 7; "16 December 2015,1");</item>
/// <item>in the PDF form only, after one space behind a capitalised word or punctuation ("Disabilities 7 affirms",
/// "Human Rights, 9 and"), or behind a lower-case word before "and"/"or" ("the agenda 5 and") unless that word
/// numbers what follows ("paragraphs 13 and 14").</item>
/// </list>
/// A marker written in the Markdown form, "report[^6] adopted", is a marker wherever it stands (decision 107).
/// Whether such a number is a marker is then decided by the footnotes that exist and their order: footnote numbers
/// first appear in increasing order, so a new marker must be the next number; a glued marker may also repeat an
/// earlier number. The weaker shapes (after a year, after a space) must be the next number and, in the PDF form,
/// stand on the page whose foot holds that footnote. This keeps "2.2 billion", "action line C10", "17 Sustainable"
/// and "paragraphs 23 and 27" in the text without a list of exceptions.
/// </summary>
internal static partial class FootnoteMarkerScanner
{
    public static IReadOnlyList<ScannedText> Scan(
        IReadOnlyList<ComposedText> texts,
        IReadOnlyDictionary<int, FootnoteDefinition> footnotes,
        ICollection<ParseProblem> problems)
    {
        var highest = 0;
        var results = new List<ScannedText>(texts.Count);
        foreach (var composed in texts)
        {
            var text = composed.ToString();
            var markers = new List<Marker>();
            foreach (Match run in DigitRun().Matches(text))
            {
                if (FindCandidate(text, run.Index, run.Length) is not { } candidate)
                {
                    continue;
                }

                footnotes.TryGetValue(candidate.Number, out var footnote);
                var isNext = candidate.Number == highest + 1;
                if (Accepts(candidate, footnote, isNext, highest, composed.PageAt(run.Index)))
                {
                    markers.Add(new Marker(candidate.RemoveStart, candidate.RemoveLength, candidate.Number));
                    highest = Math.Max(highest, candidate.Number);
                }
                else if (footnote is null && ((isNext && candidate.Shape == MarkerShape.Glued && footnotes.Count > 0) || candidate.Shape == MarkerShape.Explicit))
                {
                    problems.Add(new ParseProblem(
                        composed.LineAt(run.Index),
                        $"Footnote marker {candidate.Number} has no footnote text: the footnotes may be missing or the text truncated."));
                    highest = candidate.Number;
                }
            }

            results.Add(Remove(text, markers));
        }

        return results;
    }

    private static bool Accepts(Candidate candidate, FootnoteDefinition? footnote, bool isNext, int highest, int page)
    {
        if (footnote is null)
        {
            return false;
        }

        // An endnote (the Markdown form gathers every footnote after the text) stands on no page: the order alone decides.
        var onItsPage = footnote.Page == 0 || footnote.IsEndnote || footnote.Page == page;
        return candidate.Shape switch
        {
            MarkerShape.Explicit => true,
            MarkerShape.Glued => isNext || candidate.Number <= highest,
            MarkerShape.AfterYear => (isNext && onItsPage) || candidate.Number <= highest,
            MarkerShape.AfterSpace => isNext && footnote.Page > 0 && onItsPage,
            _ => false,
        };
    }

    /// <summary>Reads the shape of the digit run at <paramref name="start"/>, or null when it cannot be a marker.</summary>
    private static Candidate? FindCandidate(string text, int start, int length)
    {
        var end = start + length;
        if (length <= 3 && start >= 2 && text[start - 1] == '^' && text[start - 2] == '[' && end < text.Length && text[end] == ']')
        {
            return new Candidate(MarkerShape.Explicit, Parse(text, start, length), start - 2, length + 3);
        }

        if (!EndsMarker(text, end))
        {
            return null;
        }

        if (start > 0 && text[start - 1] is ',' or ';' or ':' && length <= 3 && IsInSymbol(text, start - 1))
        {
            return new Candidate(MarkerShape.Glued, Parse(text, start, length), start, length);
        }

        if (start > 0 && !(text[start - 1] is ',' or ';' or ':' || IsClosingMark(text[start - 1])) && IsInSymbol(text, start))
        {
            return null;
        }

        if (length is >= 5 and <= 7 && (start == 0 || text[start - 1] == ' ' || IsRangeDash(text, start - 1)) && IsYear(text.AsSpan(start, 4)) && text[start + 4] != '0')
        {
            return new Candidate(MarkerShape.AfterYear, Parse(text, start + 4, length - 4), start + 4, length - 4);
        }

        if (length > 3 || text[start] == '0' || start == 0)
        {
            return null;
        }

        var previous = text[start - 1];
        if (char.IsLetter(previous))
        {
            return IsPlainWordBefore(text, start) ? new Candidate(MarkerShape.Glued, Parse(text, start, length), start, length) : null;
        }

        if (IsClosingMark(previous))
        {
            return new Candidate(MarkerShape.Glued, Parse(text, start, length), start, length);
        }

        if (previous is '.' or ',' or ';' or ':' && start >= 2
            && (IsClosingMark(text[start - 2]) || (char.IsLetter(text[start - 2]) && IsPlainWordBefore(text, start - 1))))
        {
            return new Candidate(MarkerShape.Glued, Parse(text, start, length), start, length);
        }

        if (previous is '.' or ',' or ';' or ':' && IsYearBefore(text, start - 1))
        {
            return new Candidate(MarkerShape.AfterYear, Parse(text, start, length), start, length);
        }

        if (previous == ' ' && start >= 2 && (IsSpacedMarkerAnchor(text, start - 1) || IsSpacedMarkerBeforeConjunction(text, start - 1, end)))
        {
            return new Candidate(MarkerShape.AfterSpace, Parse(text, start, length), start - 1, length + 1);
        }

        return null;
    }

    /// <summary>
    /// The digits belong to a document symbol or its suffix, which never carries a marker: the token holds a slash
    /// ("A/AC.292/2025/INF/5/Rev.1", "A/70/L.33") or the digits follow "Rev.", "Corr.", "Add.", "Amend." or "Part".
    /// Digits after a comma, semicolon or colon that closes a symbol are a marker ("resolution 79/7;1").
    /// </summary>
    private static bool IsInSymbol(string text, int start)
    {
        var tokenStart = start;
        while (tokenStart > 0 && !char.IsWhiteSpace(text[tokenStart - 1]))
        {
            tokenStart--;
        }

        var token = text.AsSpan(tokenStart, start - tokenStart);
        if (token.Contains('/'))
        {
            return true;
        }

        var word = token.TrimStart("([“\"").TrimEnd('.');
        return word is "Rev" or "Corr" or "Add" or "Amend" or "Part" or "Sales" or "No" or "Nos" or "vol" or "para" or "paras";
    }

    /// <summary>An en dash or hyphen closing a year range ("2014–2024"), so "2014–20243" is the year 2024 and marker 3.</summary>
    private static bool IsRangeDash(string text, int dash) =>
        text[dash] is '–' or '-' && IsYearBefore(text, dash);

    /// <summary>A marker ends the token: at the end, before a space, or before punctuation that is not a decimal point.</summary>
    private static bool EndsMarker(string text, int end)
    {
        if (end >= text.Length)
        {
            return true;
        }

        var next = text[end];
        if (next is '.' or ',' && end + 1 < text.Length && char.IsDigit(text[end + 1]))
        {
            return false;
        }

        return char.IsWhiteSpace(next) || next is '.' or ',' or ';' or ':' or ')' or ']' || IsClosingMark(next);
    }

    /// <summary>The letters before <paramref name="end"/> form a word of two or more letters, all lower case after the first or all capitals.</summary>
    private static bool IsPlainWordBefore(string text, int end)
    {
        var start = end;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        if (end - start < 2 || (start > 0 && char.IsDigit(text[start - 1])))
        {
            return false;
        }

        var rest = text.AsSpan(start + 1, end - start - 1);
        var allLower = true;
        var allUpper = char.IsUpper(text[start]);
        foreach (var c in rest)
        {
            allLower &= char.IsLower(c);
            allUpper &= char.IsUpper(c);
        }

        return allLower || allUpper;
    }

    /// <summary>Before the space: punctuation, a closing quote, or a word that starts with a capital (a cited title).</summary>
    private static bool IsSpacedMarkerAnchor(string text, int space)
    {
        var before = text[space - 1];
        if (before is '.' or ',' or ';' or ':' || IsClosingMark(before))
        {
            return true;
        }

        if (!char.IsLetter(before))
        {
            return false;
        }

        var start = space - 1;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        return char.IsUpper(text[start]);
    }

    /// <summary>
    /// A number between a lower-case word and "and"/"or" ("the agenda 5 and the timetable"): a marker the reflow set
    /// apart, unless the word is one that numbers what follows ("paragraphs 13 and 14", "article 9 or").
    /// </summary>
    private static bool IsSpacedMarkerBeforeConjunction(string text, int space, int end)
    {
        if (!ConjunctionAfter().IsMatch(text.AsSpan(end)))
        {
            return false;
        }

        var start = space;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        var word = text[start..space];
        return word.Length >= 2 && word.All(char.IsLower) && !NumberingWords.Contains(word);
    }

    /// <summary>Words a reference number follows; a number after them is the reference, not a marker.</summary>
    private static readonly HashSet<string> NumberingWords = new(StringComparer.Ordinal)
    {
        "paragraph", "paragraphs", "para", "paras", "subparagraph", "subparagraphs", "article", "articles",
        "section", "sections", "chapter", "chapters", "item", "items", "rule", "rules", "annex", "annexes",
        "resolution", "resolutions", "decision", "decisions", "page", "pages", "part", "parts", "goal", "goals",
        "target", "targets", "principle", "principles", "volume", "volumes", "vol", "no", "nos", "recommendation",
        "recommendations", "action", "actions", "line", "lines", "table", "tables", "figure", "figures", "box",
        "appendix", "protocol", "protocols", "clause", "clauses", "step", "steps", "option", "options", "and", "or",
        "to", "from", "between", "of", "in", "on", "at", "by", "for", "with", "than", "about", "over", "under",
    };

    /// <summary>The four characters before <paramref name="end"/> are a year that starts a token ("2015" in "December 2015,").</summary>
    private static bool IsYearBefore(string text, int end) =>
        end >= 4 && IsYear(text.AsSpan(end - 4, 4)) && (end == 4 || !char.IsDigit(text[end - 5]));

    private static bool IsClosingMark(char c) => c is '”' or '’' or '"' or ')' or ']';

    private static bool IsYear(ReadOnlySpan<char> digits) =>
        digits.Length == 4
        && (digits.StartsWith("19") || digits.StartsWith("20"))
        && char.IsAsciiDigit(digits[2])
        && char.IsAsciiDigit(digits[3]);

    private static int Parse(string text, int start, int length) =>
        int.Parse(text.AsSpan(start, length), CultureInfo.InvariantCulture);

    /// <summary>Removes the markers; each reference's offset is where its marker stood in the text without markers.</summary>
    private static ScannedText Remove(string text, List<Marker> markers)
    {
        var builder = new StringBuilder(text.Length);
        var references = new List<ParsedFootnoteReference>(markers.Count);
        var position = 0;
        foreach (var marker in markers)
        {
            builder.Append(text, position, marker.Start - position);
            references.Add(new ParsedFootnoteReference(marker.Number, builder.Length));
            position = marker.Start + marker.Length;
        }

        builder.Append(text, position, text.Length - position);
        return new ScannedText(builder.ToString(), references) { Removed = [.. markers.Select(m => (m.Start, m.Length))] };
    }

    [GeneratedRegex(@"^ (?:and|or) ")]
    private static partial Regex ConjunctionAfter();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex DigitRun();

    private enum MarkerShape
    {
        /// <summary>Written as a marker, "[^6]" (the Markdown form).</summary>
        Explicit,
        Glued,
        AfterYear,
        AfterSpace,
    }

    private readonly record struct Candidate(MarkerShape Shape, int Number, int RemoveStart, int RemoveLength);

    private readonly record struct Marker(int Start, int Length, int Number);
}

/// <summary>A paragraph text with its footnote markers removed, and where they stood.</summary>
internal sealed record ScannedText(string Text, IReadOnlyList<ParsedFootnoteReference> References)
{
    /// <summary>The spans (in the text before removal) that were markers.</summary>
    public IReadOnlyList<(int Start, int Length)> Removed { get; init; } = [];

    /// <summary>The text without markers between two indexes of the text before removal.</summary>
    public string Slice(int rawStart, int rawEnd)
    {
        var start = Math.Clamp(ToClean(rawStart), 0, Text.Length);
        var end = Math.Clamp(ToClean(rawEnd), start, Text.Length);
        return Text[start..end];
    }

    private int ToClean(int raw) =>
        raw - Removed.Where(r => r.Start < raw).Sum(r => Math.Min(r.Length, raw - r.Start));
}
