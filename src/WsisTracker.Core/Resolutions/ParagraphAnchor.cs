namespace WsisTracker.Core.Resolutions;

/// <summary>
/// The stable anchor of a paragraph in the reader: <c>p27</c> for operative paragraph 27, <c>pp3</c> for a preambular
/// paragraph at reading position 3 (preambular paragraphs come before the first operative one, so for them the
/// reading position is their preambular number). Links from commitments, search and the reader all use this.
/// </summary>
public static class ParagraphAnchor
{
    public static string For(ParagraphKind kind, int? number, int order) =>
        kind == ParagraphKind.Operative && number is { } n ? $"p{n}" : $"pp{order}";

    public static string Label(ParagraphKind kind, int? number, int order) =>
        kind == ParagraphKind.Operative && number is { } n ? $"para {n}" : $"preamble {order}";
}
