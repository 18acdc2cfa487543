namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>
/// Reads the ODS export form. Each paragraph is one line: operative paragraphs "&lt;TAB&gt;N.&lt;TAB&gt;text",
/// preambular paragraphs and sub-paragraphs indented by a tab, section headings not indented ("1.&lt;TAB&gt;Title",
/// "1.1&lt;TAB&gt;Title", "4.1.&lt;TAB&gt;Title"). After the closing meeting line and its date come an optional annex,
/// the footnote texts ("1 See A/60/687.") and a trailer of ODS metadata and page furniture that is not text.
/// </summary>
internal static class OdsExportReader
{
    public static ResolutionDraft Read(IReadOnlyList<string> lines)
    {
        var draft = new ResolutionDraft(ResolutionTextForm.OdsExport);
        var bodyStart = ResolutionHeader.Read(lines, draft);
        if (bodyStart is null)
        {
            return draft;
        }

        var closing = ReadBody(lines, bodyStart.Value, draft, inAnnex: false);
        if (closing >= lines.Count || !TextRules.IsMeetingLine(ComposedText.Normalize(lines[closing])))
        {
            var line = Math.Max(Math.Min(closing + 1, lines.Count), 1);
            draft.Report(line, closing >= lines.Count
                ? $"The text ends at line {line} without the closing \"<n>th plenary meeting\" line: it looks truncated."
                : $"The metadata trailer starts at line {line} without a closing \"<n>th plenary meeting\" line before it: the text looks truncated.");
            return draft;
        }

        var trailerStart = ReadAfterClosing(lines, ReadClosing(lines, closing, draft), draft);
        var trailer = lines.Skip(trailerStart).ToList();
        draft.Symbol ??= ResolutionHeader.FindSymbol(trailer);
        draft.Session ??= ResolutionHeader.FindSession(trailer);
        return draft;
    }

    /// <summary>
    /// Reads body lines until the closing meeting line (main text) or the footnotes (annex), or the trailer if
    /// either is missing, and returns the index where it stopped.
    /// </summary>
    private static int ReadBody(IReadOnlyList<string> lines, int start, ResolutionDraft draft, bool inAnnex)
    {
        for (var i = start; i < lines.Count; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var ends = IsTrailerLine(line) || (inAnnex
                ? StartsFootnotes(line)
                : TextRules.IsMeetingLine(ComposedText.Normalize(line)));
            if (ends)
            {
                return i;
            }

            draft.Blocks.Add(ClassifyLine(line, i + 1));
        }

        return lines.Count;
    }

    /// <summary>
    /// Indentation tells paragraphs from headings in this form: an indented line is a paragraph (numbered or not),
    /// a line at the margin is a heading, unless it ends like a sentence.
    /// </summary>
    private static BodyBlock ClassifyLine(string line, int lineNumber)
    {
        var source = new SourceLine(lineNumber, line, 0);
        var normalized = ComposedText.Normalize(line);
        var numbered = TextRules.NumberedParagraph().Match(normalized);
        if (char.IsWhiteSpace(line[0]))
        {
            return numbered.Success
                ? new BodyBlock(BlockRole.NumberedParagraph, lineNumber, ComposedText.From(numbered.Groups[2].Value, source))
                {
                    ParagraphNumber = int.Parse(numbered.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                }
                : new BodyBlock(BlockRole.Text, lineNumber, ComposedText.From(normalized, source))
                {
                    IsSubItem = TextRules.IsSubItem(normalized),
                };
        }

        var heading = TextRules.DecimalHeading().Match(normalized);
        if (!heading.Success)
        {
            heading = TextRules.RomanOrLetterHeading().Match(normalized);
        }

        if (heading.Success)
        {
            return new BodyBlock(BlockRole.Heading, lineNumber, ComposedText.From(heading.Groups[2].Value, source))
            {
                HeadingNumber = heading.Groups[1].Value,
            };
        }

        if (numbered.Success && !TextRules.EndsLikeSentence(numbered.Groups[2].Value))
        {
            return new BodyBlock(BlockRole.Heading, lineNumber, ComposedText.From(numbered.Groups[2].Value, source))
            {
                HeadingNumber = numbered.Groups[1].Value + ".",
            };
        }

        if (numbered.Success)
        {
            return new BodyBlock(BlockRole.NumberedParagraph, lineNumber, ComposedText.From(numbered.Groups[2].Value, source))
            {
                ParagraphNumber = int.Parse(numbered.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        var role = TextRules.LooksLikeHeading(normalized, 1, 1) ? BlockRole.Heading : BlockRole.Text;
        return new BodyBlock(role, lineNumber, ComposedText.From(normalized, source));
    }

    /// <summary>Records the meeting line and the date under it; returns the index after them.</summary>
    private static int ReadClosing(IReadOnlyList<string> lines, int meetingIndex, ResolutionDraft draft)
    {
        draft.Meeting = ComposedText.Normalize(lines[meetingIndex]);
        var next = meetingIndex + 1;
        while (next < lines.Count && string.IsNullOrWhiteSpace(lines[next]))
        {
            next++;
        }

        draft.ClosingDate = next < lines.Count ? TextRules.ParseDate(lines[next]) : null;
        if (draft.ClosingDate is null)
        {
            draft.Report(meetingIndex + 1, "The closing meeting line is not followed by the date of the meeting.");
            return meetingIndex + 1;
        }

        return next + 1;
    }

    /// <summary>After the closing lines: an annex if one follows, then the footnotes; returns where the trailer starts.</summary>
    private static int ReadAfterClosing(IReadOnlyList<string> lines, int start, ResolutionDraft draft)
    {
        var next = start;
        while (next < lines.Count && string.IsNullOrWhiteSpace(lines[next]))
        {
            next++;
        }

        if (next < lines.Count && !char.IsWhiteSpace(lines[next][0]) && TextRules.IsAnnexTitle(ComposedText.Normalize(lines[next])))
        {
            next = ReadBody(lines, next, draft, inAnnex: true);
        }

        return ReadFootnotes(lines, next, draft);
    }

    /// <summary>
    /// Footnotes are one line each, "N text", with numbers rising. A line that is not one, or a number that does
    /// not rise (the "3" page numbers of the trailer), starts the trailer. Returns the trailer's first line index.
    /// </summary>
    private static int ReadFootnotes(IReadOnlyList<string> lines, int start, ResolutionDraft draft)
    {
        var previous = 0;
        for (var i = start; i < lines.Count; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var match = TextRules.FootnoteLine().Match(ComposedText.Normalize(line));
            if (IsTrailerLine(line) || char.IsWhiteSpace(line[0]) || !match.Success)
            {
                return i;
            }

            var number = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (number <= previous)
            {
                return i;
            }

            previous = number;
            if (match.Groups[2].Success)
            {
                draft.Footnotes.Add(new FootnoteDefinition(number, match.Groups[2].Value, i + 1, 0));
            }
            else
            {
                draft.Report(i + 1, $"Footnote {number} has a number but no text.");
            }
        }

        return lines.Count;
    }

    private static bool StartsFootnotes(string line) =>
        !char.IsWhiteSpace(line[0]) && TextRules.FootnoteLine().Match(ComposedText.Normalize(line)) is { Success: true } match
        && match.Groups[1].Value == "1";

    /// <summary>The ODS trailer opens with its metadata tags ("[DU1]&lt;&lt;ODS JOB NO&gt;&gt;") or a rule of underscores or dashes.</summary>
    private static bool IsTrailerLine(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Contains("<<ODS", StringComparison.Ordinal)
            || trimmed.StartsWith("[DU", StringComparison.Ordinal)
            || (trimmed.Length >= 5 && trimmed.All(c => c is '_' or '-'));
    }
}
