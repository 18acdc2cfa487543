namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>
/// Places the blocks a form reader found into the resolution's structure: preambular paragraphs, numbered operative
/// paragraphs, sections and footnotes; then checks the numbering and resolves footnote markers.
/// </summary>
internal sealed class ResolutionAssembler
{
    private readonly ResolutionDraft _draft;
    private readonly List<ParsedSection> _sections = [];
    private readonly List<ParagraphDraft> _paragraphs = [];
    private readonly Dictionary<int, int> _numberLines = [];
    private ParagraphDraft? _last;
    private int? _currentSection;
    private bool _headingSinceLast;
    private bool _inOperativePart;
    private int _expectedNumber = 1;
    private string? _adoptingClause;
    private string? _adoptedDocumentTitle;

    private ResolutionAssembler(ResolutionDraft draft) => _draft = draft;

    public static ResolutionParseResult Assemble(ResolutionDraft draft) => new ResolutionAssembler(draft).Build();

    private ResolutionParseResult Build()
    {
        for (var index = SkipOpeningFormula(_draft.Blocks); index < _draft.Blocks.Count; index++)
        {
            Place(_draft.Blocks[index]);
        }

        if (_paragraphs.Count == 0)
        {
            _draft.Report(1, "No paragraphs were found in the text.");
        }

        var footnotes = CollectFootnotes();
        var scanned = FootnoteMarkerScanner.Scan([.. _paragraphs.Select(p => p.Content)], footnotes, _draft.Problems);
        ReportUnreferenced(footnotes, scanned);
        var paragraphs = _paragraphs.Select((draft, i) => ToParagraph(draft, i + 1, scanned[i])).ToList();

        var resolution = new ParsedResolution(
            ResolutionHeader.ResolveSymbol(_draft),
            _draft.Title ?? string.Empty,
            _draft.AdoptionDate ?? _draft.ClosingDate,
            _draft.Session,
            _draft.Meeting,
            _draft.Form,
            _sections,
            paragraphs,
            [.. footnotes.Values.OrderBy(f => f.Number).Select(f => new ParsedFootnote(f.Number, f.Text))])
        {
            AdoptingClause = _adoptingClause,
            AdoptedDocumentTitle = _adoptedDocumentTitle,
        };
        return new ResolutionParseResult(resolution, [.. _draft.Problems.OrderBy(p => p.Line)]);
    }

    /// <summary>
    /// The body opens with "The General Assembly," — the enacting formula, not a paragraph. When the resolution
    /// adopts a document set out in its body, as both WSIS outcome resolutions do, the formula is followed by one
    /// unnumbered clause ending in a colon ("Adopts the following outcome document ...:") and the document's title
    /// standing as a heading. Neither is a preambular paragraph: the paragraphs that commitments cite are the adopted
    /// document's, whose preamble starts after its title ("We, the Ministers ..."). They are kept on the result as
    /// <see cref="ParsedResolution.AdoptingClause"/> and <see cref="ParsedResolution.AdoptedDocumentTitle"/>.
    /// Returns the index of the first block to place.
    /// </summary>
    private int SkipOpeningFormula(List<BodyBlock> blocks)
    {
        if (blocks.Count == 0 || blocks[0].Role == BlockRole.NumberedParagraph || !TextRules.IsEnactingFormula(blocks[0].Text))
        {
            return 0;
        }

        if (blocks.Count > 2
            && blocks[1].Role == BlockRole.Text
            && blocks[1].Text.EndsWith(':')
            && blocks[2] is { Role: BlockRole.Heading, HeadingNumber: null })
        {
            _adoptingClause = blocks[1].Text;
            _adoptedDocumentTitle = blocks[2].Text;
            return 3;
        }

        return 1;
    }

    private void Place(BodyBlock block)
    {
        switch (block.Role)
        {
            case BlockRole.Heading:
                PlaceHeading(block);
                break;
            case BlockRole.NumberedParagraph:
                PlaceNumbered(block);
                break;
            default:
                PlaceText(block);
                break;
        }
    }

    /// <summary>An annex heading starts a new part whose paragraphs are numbered afresh from 1.</summary>
    private void PlaceHeading(BodyBlock block)
    {
        if (block.HeadingNumber is null && TextRules.IsAnnexTitle(block.Text))
        {
            _inOperativePart = false;
            _expectedNumber = 1;
            _numberLines.Clear();
            _last = null;
        }

        _sections.Add(new ParsedSection(_sections.Count + 1, block.HeadingNumber, block.Text));
        _currentSection = _sections.Count;
        _headingSinceLast = true;
    }

    private void PlaceNumbered(BodyBlock block)
    {
        var number = block.ParagraphNumber ?? 0;
        CheckNumber(number, block.Line);
        Add(new ParagraphDraft(ParagraphKind.Operative, number, block.Line, _currentSection, block.Content));
        _inOperativePart = true;
    }

    /// <summary>
    /// Unnumbered text before the first numbered paragraph is a preambular paragraph each, unless it continues the one
    /// before (a lettered sub-paragraph, or text starting in lower case). Once operative paragraphs have begun,
    /// unnumbered text belongs to the operative paragraph before it: its lettered sub-paragraphs, the text after a lone
    /// number ("5." on its own line), or the rest of a paragraph cut by a page break. Other unnumbered text there
    /// has most likely lost its number, which is reported.
    /// </summary>
    private void PlaceText(BodyBlock block)
    {
        if (_last is { Content.IsEmpty: true })
        {
            _last.Content.AppendPart(block.Content);
            return;
        }

        var continues = block.IsSubItem || TextRules.StartsWithLowercase(block.Text);
        if (!_inOperativePart || _last is null)
        {
            if (_last is not null && !_headingSinceLast && continues)
            {
                _last.Content.AppendPart(block.Content);
                return;
            }

            Add(new ParagraphDraft(ParagraphKind.Preambular, null, block.Line, _currentSection, block.Content));
            return;
        }

        var expected = continues || block.StartsPage || _last.Content.EndsWith(':');
        if (_headingSinceLast || !expected)
        {
            _draft.Report(block.Line, $"This paragraph has no number although operative paragraphs have begun; it was joined to operative paragraph {_last.Number}.");
        }

        _last.Content.AppendPart(block.Content);
    }

    private void Add(ParagraphDraft paragraph)
    {
        _paragraphs.Add(paragraph);
        _last = paragraph;
        _headingSinceLast = false;
    }

    /// <summary>Operative paragraphs are numbered 1, 2, 3 ... without gaps or repeats.</summary>
    private void CheckNumber(int number, int line)
    {
        if (_numberLines.TryGetValue(number, out var firstLine))
        {
            _draft.Report(line, $"Operative paragraph number {number} is used twice (first at line {firstLine}).");
        }
        else
        {
            if (number > _expectedNumber)
            {
                var missing = number - 1 == _expectedNumber
                    ? $"Operative paragraph {_expectedNumber} is missing"
                    : $"Operative paragraphs {_expectedNumber} to {number - 1} are missing";
                _draft.Report(line, $"{missing}: paragraph {number} comes next.");
            }
            else if (number < _expectedNumber)
            {
                _draft.Report(line, $"Operative paragraph {number} is out of sequence: paragraph {_expectedNumber} was expected here.");
            }

            _numberLines[number] = line;
        }

        _expectedNumber = Math.Max(_expectedNumber, number + 1);
    }

    /// <summary>Footnotes are numbered 1, 2, 3 ... in reading order; a repeated number keeps the first text.</summary>
    private Dictionary<int, FootnoteDefinition> CollectFootnotes()
    {
        var table = new Dictionary<int, FootnoteDefinition>();
        var expected = 1;
        foreach (var footnote in _draft.Footnotes)
        {
            if (table.TryGetValue(footnote.Number, out var first))
            {
                _draft.Report(footnote.Line, $"Footnote {footnote.Number} is printed twice (first at line {first.Line}); the second text was ignored.");
                continue;
            }

            if (footnote.Number > expected)
            {
                _draft.Report(footnote.Line, $"Footnote {expected} is missing: footnote {footnote.Number} comes next.");
            }
            else if (footnote.Number < expected)
            {
                _draft.Report(footnote.Line, $"Footnote {footnote.Number} is out of sequence: footnote {expected} was expected here.");
            }

            table[footnote.Number] = footnote;
            expected = Math.Max(expected, footnote.Number + 1);
        }

        return table;
    }

    private void ReportUnreferenced(Dictionary<int, FootnoteDefinition> footnotes, IReadOnlyList<ScannedText> scanned)
    {
        var referenced = scanned.SelectMany(s => s.References).Select(r => r.FootnoteNumber).ToHashSet();
        foreach (var footnote in footnotes.Values.Where(f => !referenced.Contains(f.Number)))
        {
            _draft.Report(footnote.Line, $"Footnote {footnote.Number} is never referenced: no marker for it was found in the paragraphs.");
        }
    }

    private ParsedParagraph ToParagraph(ParagraphDraft draft, int order, ScannedText scanned)
    {
        if (scanned.Text.Length == 0)
        {
            _draft.Report(draft.Line, $"Operative paragraph {draft.Number} has a number but no text.");
        }

        return new ParsedParagraph(
            draft.Kind,
            draft.Number,
            order,
            scanned.Text,
            draft.SectionOrder,
            scanned.References,
            ActionLineFinder.Find(scanned.Text));
    }

    private sealed record ParagraphDraft(ParagraphKind Kind, int? Number, int Line, int? SectionOrder, ComposedText Content);
}
