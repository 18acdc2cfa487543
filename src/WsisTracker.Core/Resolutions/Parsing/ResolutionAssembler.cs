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
    private readonly List<ParsedAnnex> _annexes = [];
    private string? _part;
    private bool _awaitingAnnexTitle;

    private ResolutionAssembler(ResolutionDraft draft) => _draft = draft;

    public static ResolutionParseResult Assemble(ResolutionDraft draft) => new ResolutionAssembler(draft).Build();

    private ResolutionParseResult Build()
    {
        for (var index = SkipOpeningFormula(_draft.Blocks); index < _draft.Blocks.Count; index++)
        {
            Place(_draft.Blocks[index]);
        }

        SettleUnnumberedClause();
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
            Annexes = _annexes,
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

    /// <summary>
    /// An annex heading starts a new part whose paragraphs are numbered afresh from 1; the heading after it (or the
    /// line under "Annex" in the same block) is its title. Both stay sections, as they always were.
    /// </summary>
    private void PlaceHeading(BodyBlock block)
    {
        if (block.IsAnnex || (block.HeadingNumber is null && TextRules.IsAnnexTitle(block.Text)))
        {
            SettleUnnumberedClause();
            _inOperativePart = false;
            _expectedNumber = 1;
            _numberLines.Clear();
            _last = null;
            _part = UniqueAnnexKey(TextRules.AnnexKey(block.Text));
            _annexes.Add(new ParsedAnnex(_annexes.Count + 1, _part, block.Text, block.AnnexTitle ?? string.Empty));
            _awaitingAnnexTitle = block.AnnexTitle is null;
            AddSection(block.HeadingNumber, block.Text);
            if (block.AnnexTitle is not null)
            {
                AddSection(null, block.AnnexTitle);
            }

            return;
        }

        if (_awaitingAnnexTitle && block.HeadingNumber is null)
        {
            _annexes[^1] = _annexes[^1] with { Title = block.Text };
        }

        _awaitingAnnexTitle = false;
        AddSection(block.HeadingNumber, block.Text);
    }

    /// <summary>
    /// When the resolution itself ends (at its first annex or at the end of the text) without a numbered paragraph,
    /// its last paragraph, if it ends in a full stop rather than the comma that closes a preambular one, is its single
    /// operative clause, which the Assembly prints without a number ("Adopts the declaration ..., annexed to the
    /// present resolution."). It stays unnumbered, as printed.
    /// </summary>
    private void SettleUnnumberedClause()
    {
        if (_part is not null
            || _last is not { Kind: ParagraphKind.Preambular, Part: null } last
            || _paragraphs.Any(p => p.Part is null && p.Kind == ParagraphKind.Operative)
            || !last.Content.EndsWith('.'))
        {
            return;
        }

        var clause = last with { Kind = ParagraphKind.Operative };
        _paragraphs[^1] = clause;
        _last = clause;
    }

    private void AddSection(string? number, string title)
    {
        _sections.Add(new ParsedSection(_sections.Count + 1, number, title) { Part = _part });
        _currentSection = _sections.Count;
        _headingSinceLast = true;
    }

    /// <summary>Two annexes printed with the same heading ("Annex" twice) get "annex-2" for the second, so keys stay unique.</summary>
    private string UniqueAnnexKey(string key)
    {
        var unique = key;
        for (var n = 2; _annexes.Any(a => a.Key == unique); n++)
        {
            unique = $"{key}-{n}";
        }

        return unique;
    }

    private void PlaceNumbered(BodyBlock block)
    {
        var number = block.ParagraphNumber ?? 0;
        CheckNumber(number, block.Line);
        _awaitingAnnexTitle = false;
        Add(new ParagraphDraft(ParagraphKind.Operative, number, block.Line, _currentSection, block.Content) { Part = _part });
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
        _awaitingAnnexTitle = false;
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
                AppendTo(_last, block);
                return;
            }

            Add(new ParagraphDraft(ParagraphKind.Preambular, null, block.Line, _currentSection, block.Content) { Part = _part });
            return;
        }

        var expected = continues || block.StartsPage || _last.Content.EndsWith(':');
        if (_headingSinceLast || !expected)
        {
            _draft.Report(block.Line, $"This paragraph has no number although operative paragraphs have begun; it was joined to operative paragraph {_last.Number}.");
        }

        AppendTo(_last, block);
    }

    /// <summary>Appends a further part to a paragraph; a labelled one ("(b) ...") is also kept as a sub-paragraph, from where it starts to where the next part starts.</summary>
    private static void AppendTo(ParagraphDraft paragraph, BodyBlock block)
    {
        var start = paragraph.Content.Length + (paragraph.Content.IsEmpty ? 0 : 1);
        paragraph.Content.AppendPart(block.Content);
        if (TextRules.SubItemLabelOf(block.Text) is { } label)
        {
            paragraph.SubItems.Add(new SubItemSpan(label, start, block.Line));
        }
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
            ActionLineFinder.Find(scanned.Text))
        {
            Part = draft.Part,
            SubParagraphs = SubParagraphs(draft, scanned),
        };
    }

    /// <summary>
    /// Nests the labelled parts of a paragraph: letters "(a)" ... at the first level, roman numerals "(i)" ... under
    /// the letter before them. "(i)" is the letter i only right after "(h)"; "(v)", "(x)" after "(u)", "(w)" likewise.
    /// </summary>
    private IReadOnlyList<ParsedSubParagraph> SubParagraphs(ParagraphDraft draft, ScannedText scanned)
    {
        var top = new List<(string Label, string Text, List<ParsedSubParagraph> Children)>();
        string? previousLetter = null;
        for (var i = 0; i < draft.SubItems.Count; i++)
        {
            var item = draft.SubItems[i];
            var end = i + 1 < draft.SubItems.Count ? draft.SubItems[i + 1].Start : draft.Content.Length;
            var text = scanned.Slice(item.Start, end).Trim();
            text = text[Math.Min(text.Length, item.Label.Length + 2)..].Trim();
            var isLetter = previousLetter is null
                ? !IsRoman(item.Label) || item.Label == "a"
                : !IsRoman(item.Label) || (item.Label.Length == 1 && item.Label[0] == previousLetter[0] + 1);
            if (isLetter || top.Count == 0)
            {
                top.Add((item.Label, text, []));
                previousLetter = item.Label;
            }
            else
            {
                top[^1].Children.Add(new ParsedSubParagraph(item.Label, text, []));
            }
        }

        foreach (var group in top.GroupBy(t => t.Label).Where(g => g.Count() > 1))
        {
            _draft.Report(draft.Line, $"Sub-paragraph ({group.Key}) appears twice in paragraph {draft.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "of the preamble"}: a sub-paragraph label may have been misread.");
        }

        return [.. top.Select(t => new ParsedSubParagraph(t.Label, t.Text, t.Children))];
    }

    private static bool IsRoman(string label) => label.All(c => c is 'i' or 'v' or 'x' or 'l' or 'c');

    private sealed record ParagraphDraft(ParagraphKind Kind, int? Number, int Line, int? SectionOrder, ComposedText Content)
    {
        public string? Part { get; init; }

        public List<SubItemSpan> SubItems { get; } = [];
    }

    /// <summary>Where a labelled sub-paragraph starts in its paragraph's composed text (before markers are removed).</summary>
    private sealed record SubItemSpan(string Label, int Start, int Line);
}
