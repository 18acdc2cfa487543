using System.Globalization;
using System.Text.RegularExpressions;

namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>
/// Reads the text extracted from the official PDF. Lines wrap mid-sentence; a line holding only spaces separates
/// blocks (paragraphs, headings); an empty line is a page break, followed by the running header (symbol, short
/// title, job number and a page marker such as "3/20", in either order). Each page's footnotes stand after a rule of
/// underscores at its foot, so a paragraph cut by the page break continues after the footnotes and the next header.
/// Text that has been reflowed (each paragraph joined on one line, an empty line between blocks, no line of spaces)
/// is read too: there an empty line ends a block, not a page; a page's footnotes stand inline as blocks "N text"
/// (after a rule "---" or without one), and the running title may stand as a block of its own (see
/// <see cref="IsReflowed"/>).
/// </summary>
internal sealed partial class PdfTextReader
{
    /// <summary>A running header is the symbol, at most four or five title lines, the job number and the page marker.</summary>
    private const int MaxHeaderLines = 10;

    private readonly IReadOnlyList<string> _lines;
    private readonly ResolutionDraft _draft;
    private readonly string _symbol;
    private List<SourceLine>? _current;
    private bool _currentStartsPage;
    private List<SourceLine>? _previous;
    private bool _previousStartsPage;
    private bool _pageTurned;
    private FootnoteInProgress? _footnote;
    private bool _inFootnotes;
    private bool _closed;
    private bool _inAnnex;
    private int _page = 1;
    private int _lastNumber;
    private readonly bool _reflowed;
    private bool _cutMidSentence;

    private PdfTextReader(IReadOnlyList<string> lines, ResolutionDraft draft)
    {
        _lines = lines;
        _draft = draft;
        _symbol = draft.Symbol ?? "A/RES/" + draft.ResolutionNumber;
        _reflowed = IsReflowed(lines);
    }

    /// <summary>
    /// Text extracted from a PDF separates blocks by lines holding only spaces and pages by empty lines. Text with
    /// empty lines and no line of spaces has been reflowed: every empty line separates blocks.
    /// </summary>
    internal static bool IsReflowed(IReadOnlyList<string> lines) =>
        lines.Any(line => line.Length == 0) && !lines.Any(line => line.Length > 0 && string.IsNullOrWhiteSpace(line));

    public static ResolutionDraft Read(IReadOnlyList<string> lines)
    {
        var draft = new ResolutionDraft(ResolutionTextForm.PdfText);
        var bodyStart = ResolutionHeader.Read(lines, draft);
        if (bodyStart is not null)
        {
            new PdfTextReader(lines, draft).ReadBody(bodyStart.Value);
        }

        return draft;
    }

    private void ReadBody(int start)
    {
        var index = start;
        while (index < _lines.Count)
        {
            index = ReadLine(index);
        }

        FinishBlock();
        FlushPrevious();
        FinishFootnote();
        if (!_closed)
        {
            var last = Math.Max(_lines.Count, 1);
            _draft.Report(last, $"The text ends at line {last} without the closing \"<n>th plenary meeting\" line: it looks truncated.");
        }
    }

    /// <summary>Reads the line at <paramref name="index"/> and returns the index of the next line to read.</summary>
    private int ReadLine(int index)
    {
        var raw = _lines[index];
        if (raw.Length == 0)
        {
            return _reflowed ? EndReflowedBlock(index + 1) : TurnPage(index + 1);
        }

        var text = raw.Trim();
        var cut = _cutMidSentence;
        _cutMidSentence = false;
        if (_inFootnotes && _reflowed && _footnote is null && !IsNextFootnote(text))
        {
            LeaveReflowedFootnotes();
        }

        if (_inFootnotes)
        {
            ReadFootnoteLine(index, text);
            return index + 1;
        }

        if (TextRules.IsFootnoteRule(text))
        {
            FinishBlock();
            _inFootnotes = true;
            return index + 1;
        }

        if (_reflowed && _current is null && IsNextFootnote(text))
        {
            FinishBlock();
            _inFootnotes = true;
            ReadFootnoteLine(index, text);
            return index + 1;
        }

        if (_reflowed && _current is null && IsRunningTitle(index, text))
        {
            TurnReflowedPage();
            return index + 1;
        }

        if (cut)
        {
            TurnReflowedPage();
        }

        if (TextRules.TrailingFootnoteRule().Match(raw) is { Success: true } rule)
        {
            raw = raw[..rule.Index];
            text = raw.Trim();
            if (!IsPageFurniture(text))
            {
                AddContentLine(new SourceLine(index + 1, raw, _page));
            }

            FinishBlock();
            _inFootnotes = true;
            return index + 1;
        }

        if (!_closed && TextRules.MeetingLineWithDate().Match(ComposedText.Normalize(text)) is { Success: true } dated)
        {
            FinishBlock();
            FlushPrevious();
            _closed = true;
            _draft.Meeting = dated.Groups[1].Value;
            _draft.ClosingDate = TextRules.ParseDate(dated.Groups[2].Value);
            return index + 1;
        }

        if (text.Length == 0)
        {
            FinishBlock();
            return index + 1;
        }

        if (!_closed && TextRules.IsMeetingLine(ComposedText.Normalize(text)))
        {
            return ReadClosing(index);
        }

        if (!IsPageFurniture(text))
        {
            if (_current is not null && StartsOwnBlock(ComposedText.Normalize(text), _current[^1].Text))
            {
                FinishBlock();
            }

            AddContentLine(new SourceLine(index + 1, raw, _page));
        }

        return index + 1;
    }

    /// <summary>
    /// In reflowed text an empty line ends the block (and the footnote) before it. A long block that stops in the
    /// middle of a sentence ("... Development, Production and") was cut by a page break whose furniture the reflow
    /// dropped, so the next block continues it as after a page break. The page turns after that page's footnotes
    /// when they follow, else before the next block.
    /// </summary>
    private int EndReflowedBlock(int next)
    {
        FinishFootnote();
        _cutMidSentence |= _current is not null && !_inFootnotes
            && TextRules.StopsMidSentence(Compose(ComposedText.Normalize(_current[0].Text), _current).ToString());
        FinishBlock();
        return next;
    }

    /// <summary>A line "N text" that carries the number after the last footnote read.</summary>
    private bool IsNextFootnote(string text)
    {
        var match = TextRules.FootnoteLine().Match(TextRules.AsPrintedFootnote(ComposedText.Normalize(text), out _));
        var last = _footnote?.Number ?? (_draft.Footnotes.Count > 0 ? _draft.Footnotes[^1].Number : 0);
        return match.Success && match.Groups[2].Success
            && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) == last + 1;
    }

    /// <summary>A page's footnotes end where a block that is not the next footnote starts: the next page begins.</summary>
    private void LeaveReflowedFootnotes()
    {
        _inFootnotes = false;
        TurnReflowedPage();
    }

    private void TurnReflowedPage()
    {
        if (!_pageTurned)
        {
            _page++;
            _pageTurned = true;
        }
    }

    /// <summary>
    /// The running header reduced to a block of its own: the resolution's title (as far as the title line gives it)
    /// or the symbol, alone between empty lines.
    /// </summary>
    private bool IsRunningTitle(int index, string text)
    {
        var alone = index + 1 >= _lines.Count || _lines[index + 1].Length == 0;
        var normalized = ComposedText.Normalize(text);
        return alone && (normalized == _draft.Title || IsPageFurniture(normalized));
    }

    /// <summary>
    /// Handles a page break: finds the running header among the next few lines and returns the index after it. The
    /// header ends with its last line that is the symbol, the job number or a page marker (the short-title lines
    /// stand among them), and no later than the first blank line after the page marker, so the page's text is never
    /// taken for header. A header without a page marker, or a page break with no header at all, is reported.
    /// </summary>
    private int TurnPage(int start)
    {
        FinishBlock();
        FinishFootnote();
        _inFootnotes = false;

        var firstLine = -1;
        var lastFurniture = -1;
        var hasMarker = false;
        var nonBlank = 0;
        var index = start;
        for (; index < _lines.Count && nonBlank < MaxHeaderLines && _lines[index].Length > 0; index++)
        {
            var text = _lines[index].Trim();
            if (text.Length == 0 && hasMarker)
            {
                break;
            }

            if (text.Length == 0)
            {
                continue;
            }

            nonBlank++;
            firstLine = firstLine < 0 ? index : firstLine;
            if (PageMarker().IsMatch(text))
            {
                hasMarker = true;
                lastFurniture = index;
            }
            else if (IsPageFurniture(text))
            {
                lastFurniture = index;
            }
        }

        if (firstLine < 0)
        {
            return index;
        }

        _page++;
        _pageTurned = true;
        if (lastFurniture < 0)
        {
            _draft.Report(firstLine + 1, $"The page break before line {firstLine + 1} is not followed by a page header (symbol, job number and page marker such as \"3/20\").");
            return start;
        }

        if (!hasMarker)
        {
            _draft.Report(firstLine + 1, $"The page header at line {firstLine + 1} has no page marker (such as \"3/20\"): the page may be incomplete.");
        }

        return lastFurniture + 1;
    }

    /// <summary>The symbol, the job number ("25-20874", "25-20874 (E)") or a page marker standing alone on a line.</summary>
    private bool IsPageFurniture(string text) =>
        text == _symbol || JobNumber().IsMatch(text) || PageMarker().IsMatch(text);

    /// <summary>
    /// Some PDFs set paragraphs without a blank line between them. A line inside a block starts a block of its own
    /// when it starts the next operative paragraph ("14. We reaffirm" after 13, or "1." when an annex numbers afresh),
    /// or when the line before ends like a sentence and this one starts a sub-paragraph label ("(b)") or a roman
    /// heading number ("II."). A wrapped line never starts that way, as the number would have to be the next one.
    /// </summary>
    private bool StartsOwnBlock(string normalized, string previousLine)
    {
        if (TextRules.NumberedParagraph().Match(normalized) is { Success: true } numbered)
        {
            var number = int.Parse(numbered.Groups[1].Value, CultureInfo.InvariantCulture);
            return number == _lastNumber + 1 || (number == 1 && _closed);
        }

        return TextRules.EndsLikeSentence(previousLine)
            && (TextRules.IsSubItem(normalized) || TextRules.LoneHeadingNumber().IsMatch(normalized)
                || TextRules.RomanOrLetterHeading().IsMatch(normalized));
    }

    private void AddContentLine(SourceLine line)
    {
        if (_current is null)
        {
            StartBlock(line);
            if (TextRules.NumberedParagraph().Match(ComposedText.Normalize(line.Text)) is { Success: true } numbered)
            {
                _lastNumber = int.Parse(numbered.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        _current!.Add(line);
    }

    /// <summary>
    /// A page break cuts paragraphs anywhere. The first block of a page continues the last block of the page before
    /// when that block does not end like a sentence and the new one does not start with a paragraph number. In
    /// reflowed text a block that starts in lower case continues an unfinished block before it, page break or not.
    /// </summary>
    private void StartBlock(SourceLine first)
    {
        var continues = _previous is not null
            && (_pageTurned || (_reflowed && TextRules.StartsWithLowercase(ComposedText.Normalize(first.Text))))
            && !TextRules.EndsLikeSentence(_previous[^1].Text)
            && !TextRules.NumberedParagraph().IsMatch(ComposedText.Normalize(first.Text));
        if (continues)
        {
            _current = _previous;
            _currentStartsPage = _previousStartsPage;
            _previous = null;
        }
        else
        {
            FlushPrevious();
            _current = [];
            _currentStartsPage = _pageTurned;
        }

        _pageTurned = false;
    }

    /// <summary>Ends the current block but holds it back: the next page may continue it.</summary>
    private void FinishBlock()
    {
        if (_current is null)
        {
            return;
        }

        FlushPrevious();
        _previous = _current;
        _previousStartsPage = _currentStartsPage;
        _current = null;
    }

    private void FlushPrevious()
    {
        if (_previous is null)
        {
            return;
        }

        var block = Classify(_previous, _previousStartsPage);
        _previous = null;
        if (_closed && !_inAnnex)
        {
            if (block.IsAnnex)
            {
                _inAnnex = true;
            }
            else
            {
                _draft.Report(block.Line, "Text after the closing meeting line that is not part of an annex was ignored.");
                return;
            }
        }

        _draft.Blocks.Add(block);
    }

    /// <summary>
    /// Tells paragraphs from headings by shape, as the PDF has no indentation to go by: a block starting "N." is an
    /// operative paragraph unless it is one short line that does not end like a sentence (an arabic-numbered heading);
    /// "1.1 Title" and "I. Title" are headings; an unnumbered block of up to three lines that does not end like a
    /// sentence is a heading; anything else is text.
    /// </summary>
    private static BodyBlock Classify(List<SourceLine> lines, bool startsPage)
    {
        var first = ComposedText.Normalize(lines[0].Text);
        if (TextRules.IsAnnexTitle(first))
        {
            var title = lines.Count > 1 ? Compose(ComposedText.Normalize(lines[1].Text), lines[1..]).ToString() : null;
            return new BodyBlock(BlockRole.Heading, lines[0].Number, ComposedText.From(first, lines[0])) { IsAnnex = true, AnnexTitle = title };
        }

        var lone = TextRules.LoneHeadingNumber().Match(first);
        if (lone.Success && lines.Count >= 2)
        {
            var content = Compose(ComposedText.Normalize(lines[1].Text), lines[1..]);
            if (TextRules.LooksLikeHeading(content.ToString(), lines.Count - 1, 3))
            {
                return new BodyBlock(BlockRole.Heading, lines[0].Number, content) { HeadingNumber = lone.Groups[1].Value };
            }
        }
        var numbered = TextRules.NumberedParagraph().Match(first);
        if (numbered.Success)
        {
            var content = Compose(numbered.Groups[2].Value, lines);
            var text = content.ToString();
            return lines.Count == 1 && text.Length <= 120 && TextRules.LooksLikeHeading(text, 1, 1)
                ? new BodyBlock(BlockRole.Heading, lines[0].Number, content) { HeadingNumber = numbered.Groups[1].Value + "." }
                : new BodyBlock(BlockRole.NumberedParagraph, lines[0].Number, content)
                {
                    ParagraphNumber = int.Parse(numbered.Groups[1].Value, CultureInfo.InvariantCulture),
                };
        }

        var heading = TextRules.DecimalHeading().Match(first);
        if (!heading.Success)
        {
            heading = TextRules.RomanOrLetterHeading().Match(first);
        }

        if (heading.Success)
        {
            var content = Compose(heading.Groups[2].Value, lines);
            if (TextRules.LooksLikeHeading(content.ToString(), lines.Count, 3))
            {
                return new BodyBlock(BlockRole.Heading, lines[0].Number, content) { HeadingNumber = heading.Groups[1].Value };
            }
        }

        var all = Compose(first, lines);
        var role = TextRules.LooksLikeHeading(all.ToString(), lines.Count, 3) ? BlockRole.Heading : BlockRole.Text;
        return new BodyBlock(role, lines[0].Number, all) { StartsPage = startsPage, IsSubItem = TextRules.IsSubItem(first) };
    }

    /// <summary>The block's text: <paramref name="firstPart"/> (the first line without its number) and the other lines.</summary>
    private static ComposedText Compose(string firstPart, List<SourceLine> lines)
    {
        var content = ComposedText.From(firstPart, lines[0]);
        foreach (var line in lines.Skip(1))
        {
            content.AppendWrapped(line.Text, line);
        }

        return content;
    }

    /// <summary>Records the meeting line and the date under it; returns the index after them.</summary>
    private int ReadClosing(int meetingIndex)
    {
        FinishBlock();
        FlushPrevious();
        _closed = true;
        _draft.Meeting = ComposedText.Normalize(_lines[meetingIndex]);
        var next = meetingIndex + 1;
        while (next < _lines.Count && _lines[next].Length > 0 && string.IsNullOrWhiteSpace(_lines[next]))
        {
            next++;
        }

        _draft.ClosingDate = next < _lines.Count ? TextRules.ParseDate(_lines[next]) : null;
        if (_draft.ClosingDate is null)
        {
            _draft.Report(meetingIndex + 1, "The closing meeting line is not followed by the date of the meeting.");
            return meetingIndex + 1;
        }

        return next + 1;
    }

    /// <summary>
    /// Footnotes at a page foot read "N text", possibly wrapped. A line starts a new footnote when it is the first of
    /// the block or carries the next number; any other line continues the footnote before it.
    /// </summary>
    private void ReadFootnoteLine(int index, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        var normalized = ComposedText.Normalize(text);
        var match = TextRules.FootnoteLine().Match(TextRules.AsPrintedFootnote(normalized, out var isMarkdown));
        var source = new SourceLine(index + 1, text, _page);
        if (match.Success && (isMarkdown || _footnote is null || !_footnote.IsEndnote))
        {
            var number = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            if (_footnote is null || number == _footnote.Number + 1)
            {
                FinishFootnote();
                _footnote = new FootnoteInProgress(number, index + 1, _page, ComposedText.From(match.Groups[2].Value, source)) { IsEndnote = isMarkdown };
                return;
            }
        }

        if (_footnote is null)
        {
            _draft.Report(index + 1, $"The footnote area of page {_page} holds a line that does not start with a footnote number.");
            return;
        }

        _footnote.Text.AppendWrapped(normalized, source);
    }

    private void FinishFootnote()
    {
        if (_footnote is null)
        {
            return;
        }

        if (_footnote.Text.IsEmpty)
        {
            _draft.Report(_footnote.Line, $"Footnote {_footnote.Number} has a number but no text.");
        }
        else
        {
            _draft.Footnotes.Add(new FootnoteDefinition(_footnote.Number, _footnote.Text.ToString(), _footnote.Line, _footnote.Page, _footnote.IsEndnote));
        }

        _footnote = null;
    }

    [GeneratedRegex(@"^[0-9]{1,3}/[0-9]{1,3}$")]
    private static partial Regex PageMarker();

    [GeneratedRegex(@"^[0-9]{2}-[0-9]{5}(?:\s*\([A-Z]\))?$")]
    private static partial Regex JobNumber();

    private sealed record FootnoteInProgress(int Number, int Line, int Page, ComposedText Text)
    {
        /// <summary>Defined in the Markdown form (<c>[^7]: text</c>): only another such line starts the next footnote.</summary>
        public bool IsEndnote { get; init; }
    }
}
