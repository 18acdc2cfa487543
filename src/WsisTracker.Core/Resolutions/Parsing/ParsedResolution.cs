namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>A General Assembly resolution read from one of its published text forms.</summary>
public sealed record ParsedResolution(
    string Symbol,
    string Title,
    DateOnly? AdoptionDate,
    string? Session,
    string? Meeting,
    ResolutionTextForm Form,
    IReadOnlyList<ParsedSection> Sections,
    IReadOnlyList<ParsedParagraph> Paragraphs,
    IReadOnlyList<ParsedFootnote> Footnotes)
{
    /// <summary>
    /// The resolution's own clause when its body adopts a document set out in full ("Adopts the following outcome
    /// document ...:"); null otherwise. It is kept here rather than among the paragraphs because it belongs to the
    /// resolution, not to the adopted document whose paragraphs commitments cite.
    /// </summary>
    public string? AdoptingClause { get; init; }

    /// <summary>The title printed above the adopted document's text, when <see cref="AdoptingClause"/> is set.</summary>
    public string? AdoptedDocumentTitle { get; init; }

    /// <summary>The annexes after the closing meeting line, in order; each numbers its paragraphs afresh.</summary>
    public IReadOnlyList<ParsedAnnex> Annexes { get; init; } = [];
}
