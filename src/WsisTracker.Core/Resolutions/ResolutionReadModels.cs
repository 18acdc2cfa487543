namespace WsisTracker.Core.Resolutions;

public sealed record ResolutionSummary(
    string Symbol,
    string Slug,
    string Title,
    DateOnly? AdoptionDate,
    string? Session,
    string? Meeting,
    string Language,
    int PreambularParagraphCount,
    int OperativeParagraphCount);

public sealed record ResolutionDetail(
    string Symbol,
    string Slug,
    string Title,
    DateOnly? AdoptionDate,
    string? Session,
    string? Meeting,
    string Language,
    int PreambularParagraphCount,
    int OperativeParagraphCount,
    IReadOnlyList<SectionModel> Sections,
    IReadOnlyList<FootnoteModel> Footnotes);

public sealed record SectionModel(int Order, string? Number, string Title);

public sealed record FootnoteModel(int Number, string Text);

/// <summary>A footnote as it stands in a paragraph: its number, its text and where in the paragraph's text the marker stood.</summary>
public sealed record FootnoteReferenceModel(int Number, string Text, int Offset);

public sealed record ParagraphModel(
    string Resolution,
    ParagraphKind Kind,
    int? Number,
    int Order,
    string Text,
    SectionModel? Section,
    IReadOnlyList<FootnoteReferenceModel> Footnotes,
    IReadOnlyList<string> MentionedActionLines);

/// <summary>A commitment as the reader shows it beside the paragraph it cites.</summary>
public sealed record CitingCommitment(int Id, string Code, string Title, Commitments.CommitmentStatus Status, bool IsSynthetic);

/// <summary>
/// A paragraph in the reader: its stable anchor (<c>p27</c> for operative 27, <c>pp3</c> for the third preambular
/// one), the first commitments that cite it and how many cite it in all.
/// </summary>
public sealed record ReaderParagraph(ParagraphModel Paragraph, string Anchor, string Label, IReadOnlyList<CitingCommitment> CitedBy, int CitedByCount);

/// <summary>The whole text of a resolution for reading, with the commitments beside each paragraph.</summary>
public sealed record ResolutionReader(ResolutionDetail Resolution, IReadOnlyList<ReaderParagraph> Paragraphs)
{
    /// <summary>Operative paragraphs that no commitment cites yet.</summary>
    public IReadOnlyList<ReaderParagraph> Uncovered =>
        Paragraphs.Where(p => p.Paragraph.Kind == ParagraphKind.Operative && p.CitedByCount == 0).ToList();
}
