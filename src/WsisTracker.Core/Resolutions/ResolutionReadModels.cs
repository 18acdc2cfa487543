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
