namespace WsisTracker.Core.Resolutions;

/// <summary>A General Assembly resolution as published, with its sections, paragraphs and footnotes.</summary>
public sealed class Resolution
{
    public int Id { get; set; }

    /// <summary>The UN document symbol, e.g. <c>A/RES/70/125</c>.</summary>
    public required string Symbol { get; set; }

    /// <summary>The URL form of the symbol, e.g. <c>a-res-70-125</c>.</summary>
    public required string Slug { get; set; }

    public required string Title { get; set; }

    public DateOnly? AdoptionDate { get; set; }

    public string? Session { get; set; }

    public string? Meeting { get; set; }

    public required string Language { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public List<Section> Sections { get; set; } = [];

    public List<Paragraph> Paragraphs { get; set; } = [];

    public List<Footnote> Footnotes { get; set; } = [];

    /// <summary>Turns a document symbol into its slug: lower case, every run of non-alphanumerics a single hyphen.</summary>
    public static string SlugFor(string symbol)
    {
        var chars = symbol.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = new string(chars);
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Trim('-');
    }
}

public sealed class Section
{
    public int Id { get; set; }

    public int ResolutionId { get; set; }

    public int Order { get; set; }

    /// <summary>The number as printed (<c>1.</c>, <c>1.1</c>, <c>4.1.</c>), or null for an unnumbered heading.</summary>
    public string? Number { get; set; }

    public required string Title { get; set; }
}

public sealed class Paragraph
{
    public int Id { get; set; }

    public int ResolutionId { get; set; }

    public Resolution? Resolution { get; set; }

    public int? SectionId { get; set; }

    public Section? Section { get; set; }

    public ParagraphKind Kind { get; set; }

    /// <summary>The operative number; null for preambular paragraphs, which are addressed by their order.</summary>
    public int? Number { get; set; }

    public int Order { get; set; }

    /// <summary>The text as printed, without footnote markers, whitespace normalised.</summary>
    public required string Text { get; set; }

    /// <summary>Action-line codes the paragraph names explicitly (e.g. "action line C10").</summary>
    public List<string> MentionedActionLines { get; set; } = [];

    public List<FootnoteReference> FootnoteReferences { get; set; } = [];
}

/// <summary>A footnote marker in a paragraph: which footnote, and where in the text it stood.</summary>
public sealed class FootnoteReference
{
    public int ParagraphId { get; set; }

    public int Position { get; set; }

    public int FootnoteId { get; set; }

    public Footnote? Footnote { get; set; }

    /// <summary>Index in <see cref="Paragraph.Text"/> where the marker stood before it was removed.</summary>
    public int Offset { get; set; }
}

public sealed class Footnote
{
    public int Id { get; set; }

    public int ResolutionId { get; set; }

    public int Number { get; set; }

    public required string Text { get; set; }
}
