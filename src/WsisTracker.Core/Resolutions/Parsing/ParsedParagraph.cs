namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>
/// One paragraph: preambular paragraphs have no number; <paramref name="Order"/> counts all paragraphs in reading
/// order from 1; <paramref name="Text"/> is as printed with footnote markers removed and whitespace normalised.
/// </summary>
public sealed record ParsedParagraph(
    ParagraphKind Kind,
    int? Number,
    int Order,
    string Text,
    int? SectionOrder,
    IReadOnlyList<ParsedFootnoteReference> FootnoteReferences,
    IReadOnlyList<string> MentionedActionLines);
