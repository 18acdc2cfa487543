using WsisTracker.Core.Commitments;
using WsisTracker.Core.Resolutions;

namespace WsisTracker.Core.ActionLines;

/// <summary>A paragraph that names an action line explicitly.</summary>
public sealed record NamingParagraph(string Resolution, string ResolutionSlug, ParagraphKind Kind, int? Number, int Order, string Text);

/// <summary>One action line with the paragraphs that name it, its commitments (with sub-lines) and their progress.</summary>
public sealed record ActionLineOverview(
    ActionLineModel ActionLine,
    IReadOnlyList<NamingParagraph> NamingParagraphs,
    StatusCounts Progress,
    PagedResult<CommitmentSummary> Commitments);
