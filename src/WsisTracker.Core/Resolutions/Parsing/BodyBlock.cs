namespace WsisTracker.Core.Resolutions.Parsing;

internal enum BlockRole
{
    /// <summary>Unnumbered text: a preambular paragraph, or a further part of an operative paragraph.</summary>
    Text,

    /// <summary>Text that starts with an operative paragraph number ("12.").</summary>
    NumberedParagraph,

    /// <summary>A section heading, numbered ("1.1", "I.") or not.</summary>
    Heading,
}

/// <summary>
/// A piece of body text as a form reader found it, before it is placed in the resolution's structure. The readers
/// know the layout (tabs, blank lines, pages); the assembler knows the structure (preamble, operative part, sections).
/// </summary>
internal sealed record BodyBlock(BlockRole Role, int Line, ComposedText Content)
{
    public int? ParagraphNumber { get; init; }

    public string? HeadingNumber { get; init; }

    /// <summary>PDF form: the block is the first on its page, so it may carry on the paragraph of the page before.</summary>
    public bool StartsPage { get; init; }

    /// <summary>The block starts with a sub-paragraph label such as "(a)" or "(iv)".</summary>
    public bool IsSubItem { get; init; }

    /// <summary>An annex heading: the title printed under "Annex" in the same block, if any.</summary>
    public string? AnnexTitle { get; init; }

    public bool IsAnnex { get; init; }

    public string Text => Content.ToString();
}
