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
    IReadOnlyList<FootnoteModel> Footnotes,
    IReadOnlyList<AnnexModel> Annexes);

public sealed record SectionModel(int Order, string? Number, string Title);

/// <summary>An annex: <paramref name="Key"/> names it in anchors, citations and <see cref="ParagraphModel.Part"/>; its headings in order.</summary>
public sealed record AnnexModel(string Key, string Label, string Title, IReadOnlyList<SectionModel> Sections);

/// <summary>A lettered or roman sub-paragraph: its label without brackets ("b", "ii"), its text, its own sub-paragraphs.</summary>
public sealed record SubParagraphModel(string Label, string Text, IReadOnlyList<SubParagraphModel> SubParagraphs);

public sealed record FootnoteModel(int Number, string Text);

/// <summary>A footnote as it stands in a paragraph: its number, its text and where in the paragraph's text the marker stood.</summary>
public sealed record FootnoteReferenceModel(int Number, string Text, int Offset);

/// <summary>
/// A paragraph: <paramref name="Part"/> is null for the resolution itself, the annex key otherwise;
/// <paramref name="Text"/> is the whole paragraph as printed (sub-paragraphs included), and
/// <paramref name="SubParagraphs"/> gives its labelled parts one by one.
/// </summary>
public sealed record ParagraphModel(
    string Resolution,
    ParagraphKind Kind,
    string? Part,
    int? Number,
    int Order,
    string Text,
    SectionModel? Section,
    IReadOnlyList<FootnoteReferenceModel> Footnotes,
    IReadOnlyList<string> MentionedActionLines,
    IReadOnlyList<SubParagraphModel> SubParagraphs);

/// <summary>A commitment as the reader shows it beside the paragraph it cites.</summary>
public sealed record CitingCommitment(int Id, string Code, string Title, Commitments.CommitmentStatus Status, bool IsSynthetic);

/// <summary>
/// A paragraph in the reader: its stable anchor (<c>p27</c> for operative 27, <c>pp3</c> for the third preambular
/// one), the first commitments that cite it and how many cite it in all.
/// </summary>
public sealed record ReaderParagraph(ParagraphModel Paragraph, string Anchor, string Label, IReadOnlyList<CitingCommitment> CitedBy, int CitedByCount)
{
    /// <summary>Where each sub-paragraph starts in the paragraph's text, with its anchor (<c>annex-p13-b</c>), in order.</summary>
    public IReadOnlyList<SubParagraphAnchor> SubAnchors { get; init; } = [];
}

/// <summary>A sub-paragraph's anchor and the index in its paragraph's text where its label stands.</summary>
public sealed record SubParagraphAnchor(int Offset, string Anchor, string Label);

/// <summary>The whole text of a resolution for reading, with the commitments beside each paragraph.</summary>
public sealed record ResolutionReader(ResolutionDetail Resolution, IReadOnlyList<ReaderParagraph> Paragraphs)
{
    /// <summary>Operative paragraphs that no commitment cites yet.</summary>
    public IReadOnlyList<ReaderParagraph> Uncovered =>
        Paragraphs.Where(p => p.Paragraph.Kind == ParagraphKind.Operative && p.CitedByCount == 0).ToList();

    /// <summary>The resolution's own operative paragraphs and every annex's, as the coverage figure counts them.</summary>
    public int OperativeCount => Paragraphs.Count(p => p.Paragraph.Kind == ParagraphKind.Operative);
}
