using System.Text.RegularExpressions;

namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>
/// Reads what precedes the body in both forms: the masthead (symbol, session, adoption date) and the line that
/// starts with the resolution number and title ("70/125.&lt;TAB&gt;Outcome document ...").
/// </summary>
internal static partial class ResolutionHeader
{
    private const int MaxTitleContinuationLines = 5;

    /// <summary>
    /// Reads the masthead and title into <paramref name="draft"/> and returns the index of the first body line, or
    /// null (with a problem) when no title line exists. The title runs from the resolution number to the first blank
    /// line, "The General Assembly" or an indented line.
    /// </summary>
    public static int? Read(IReadOnlyList<string> lines, ResolutionDraft draft)
    {
        var titleIndex = FindTitleLine(lines);
        if (titleIndex is null)
        {
            draft.Report(1, "No line starting with the resolution number and title (such as \"70/125. Title\") was found, so this is not the text of a General Assembly resolution.");
            return null;
        }

        var match = TitleLine().Match(lines[titleIndex.Value]);
        draft.ResolutionNumber = match.Groups[1].Value;
        var title = ComposedText.From(match.Groups[2].Value, new SourceLine(titleIndex.Value + 1, string.Empty, 1));
        var next = titleIndex.Value + 1;
        while (next < lines.Count && next - titleIndex.Value <= MaxTitleContinuationLines && ContinuesTitle(lines[next]))
        {
            title.AppendWrapped(lines[next], new SourceLine(next + 1, lines[next], 1));
            next++;
        }

        draft.Title = title.ToString();
        var masthead = lines.Take(titleIndex.Value).ToList();
        ReadAdoptionDate(masthead, draft, titleIndex.Value + 1);
        draft.Symbol = FindSymbol(masthead);
        draft.Session = FindSession(masthead);
        return next;
    }

    /// <summary>The resolution symbol as printed ("A/RES/70/125"), if any of the lines holds one.</summary>
    public static string? FindSymbol(IEnumerable<string> lines) =>
        lines.Select(line => Symbol().Match(line)).FirstOrDefault(m => m.Success)?.Value;

    /// <summary>
    /// The session as printed in a masthead ("Seventieth session", "Seventy-first session"): a capitalised ordinal
    /// followed by "session". The lower-case "at its seventieth session" of the body is not a masthead and is ignored.
    /// </summary>
    public static string? FindSession(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            foreach (Match match in Session().Matches(line))
            {
                var ordinal = match.Groups[1].Value;
                if (ordinal.EndsWith("th", StringComparison.Ordinal) || ordinal.EndsWith("first", StringComparison.Ordinal)
                    || ordinal.EndsWith("second", StringComparison.Ordinal) || ordinal.EndsWith("third", StringComparison.Ordinal))
                {
                    return match.Value;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Settles the symbol: the printed one when the masthead or trailer has it, else "A/RES/" and the resolution
    /// number. A printed symbol that names another resolution is reported.
    /// </summary>
    public static string ResolveSymbol(ResolutionDraft draft)
    {
        var fromNumber = "A/RES/" + draft.ResolutionNumber;
        if (draft.Symbol is not null && draft.Symbol != fromNumber)
        {
            draft.Report(1, $"The printed symbol {draft.Symbol} does not match the resolution number {draft.ResolutionNumber} of the title.");
        }

        return draft.Symbol ?? fromNumber;
    }

    private static int? FindTitleLine(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (TitleLine().IsMatch(lines[i]))
            {
                return i;
            }
        }

        return null;
    }

    private static bool ContinuesTitle(string line) =>
        !string.IsNullOrWhiteSpace(line)
        && !line.StartsWith('\t')
        && !ComposedText.Normalize(line).StartsWith("The General Assembly", StringComparison.Ordinal);

    /// <summary>
    /// "Resolution adopted by the General Assembly on 16 December 2015": the PDF wraps it over two lines, so the
    /// masthead is searched as one normalised string.
    /// </summary>
    private static void ReadAdoptionDate(List<string> masthead, ResolutionDraft draft, int titleLine)
    {
        var match = AdoptedOn().Match(ComposedText.Normalize(string.Join(' ', masthead)));
        draft.AdoptionDate = match.Success ? TextRules.ParseDate(match.Groups[1].Value) : null;
        if (draft.AdoptionDate is null)
        {
            draft.Report(titleLine, "The header above the title has no readable \"Resolution adopted by the General Assembly on <day> <month> <year>\" line.");
        }
    }

    [GeneratedRegex(@"^\s*((?:[A-Z]{1,3}-)?[0-9]{1,3}/[0-9]{1,4})\.\s+(\S.*)$")]
    private static partial Regex TitleLine();

    [GeneratedRegex(@"A/RES/(?:[A-Z]{1,3}-)?[0-9]{1,3}/[0-9]{1,4}")]
    private static partial Regex Symbol();

    [GeneratedRegex(@"(?<!\p{L})(\p{Lu}\p{Ll}+(?:-\p{Ll}+)?) session(?!\p{L})")]
    private static partial Regex Session();

    [GeneratedRegex(@"adopted by the General Assembly on ([0-9]{1,2} \p{L}+ [0-9]{4})")]
    private static partial Regex AdoptedOn();
}
