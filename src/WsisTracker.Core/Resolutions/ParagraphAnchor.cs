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

    /// <summary>
    /// The anchor of a paragraph in a part: as <see cref="For(ParagraphKind, int?, int)"/> for the resolution itself,
    /// prefixed by the annex key otherwise (<c>annex-p13</c>; an annex's unnumbered opening paragraphs are
    /// <c>annex-pp</c> and their reading position in the whole text).
    /// </summary>
    public static string For(string? part, ParagraphKind kind, int? number, int order) =>
        part is null ? For(kind, number, order) : $"{part}-{For(kind, number, order)}";

    /// <summary>"annex, para 13" for an annex paragraph, as citations write it ("A/RES/80/3, annex, para 13").</summary>
    public static string Label(string? part, ParagraphKind kind, int? number, int order) =>
        part is null ? Label(kind, number, order) : $"{part.Replace('-', ' ')}, {Label(kind, number, order)}";

    /// <summary>The anchor of a sub-paragraph: the paragraph's, then each label (<c>annex-p13-b</c>, <c>p1-a-ii</c>).</summary>
    public static string ForSubParagraph(string paragraphAnchor, IEnumerable<string> labels) =>
        string.Join('-', labels.Prepend(paragraphAnchor));

    /// <summary>The anchor of a cited paragraph or, when <paramref name="subParagraph"/> ("b-ii") is given, of its sub-paragraph.</summary>
    public static string For(string? part, ParagraphKind kind, int? number, int order, string? subParagraph) =>
        subParagraph is null ? For(part, kind, number, order) : ForSubParagraph(For(part, kind, number, order), subParagraph.Split('-'));

    /// <summary>"annex, para 13 (b) (ii)": the paragraph's label and, when given, the sub-paragraph's labels.</summary>
    public static string Label(string? part, ParagraphKind kind, int? number, int order, string? subParagraph) =>
        subParagraph is null ? Label(part, kind, number, order) : $"{Label(part, kind, number, order)} {SubParagraphLabel(subParagraph)}";

    /// <summary>"(b) (ii)" for the sub-paragraph path "b-ii".</summary>
    public static string SubParagraphLabel(string subParagraph) =>
        string.Join(' ', subParagraph.Split('-').Select(l => $"({l})"));
}
