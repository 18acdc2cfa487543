namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>
/// One paragraph: preambular paragraphs have no number; <paramref name="Order"/> counts all paragraphs in reading
/// order from 1; <paramref name="Text"/> is as printed with footnote markers removed and whitespace normalised,
/// including its lettered sub-paragraphs, which <see cref="SubParagraphs"/> also gives one by one.
/// </summary>
public sealed record ParsedParagraph(
    ParagraphKind Kind,
    int? Number,
    int Order,
    string Text,
    int? SectionOrder,
    IReadOnlyList<ParsedFootnoteReference> FootnoteReferences,
    IReadOnlyList<string> MentionedActionLines)
{
    /// <summary>The part the paragraph belongs to: null for the resolution itself, the annex's key ("annex", "annex-ii") otherwise.</summary>
    public string? Part { get; init; }

    /// <summary>The labelled sub-paragraphs "(a)", "(b)" ..., each with its roman ones "(i)", "(ii)" ..., in reading order.</summary>
    public IReadOnlyList<ParsedSubParagraph> SubParagraphs { get; init; } = [];
}

/// <summary>A sub-paragraph: its label without brackets ("b", "ii"), its text without the label and markers, its own sub-paragraphs.</summary>
public sealed record ParsedSubParagraph(string Label, string Text, IReadOnlyList<ParsedSubParagraph> SubParagraphs);

/// <summary>
/// An annex: <paramref name="Key"/> names it in anchors and citations ("annex", "annex-ii"), <paramref name="Label"/>
/// as printed ("Annex", "Annex II"), <paramref name="Title"/> the title printed under it (empty when none).
/// </summary>
public sealed record ParsedAnnex(int Order, string Key, string Label, string Title);
