namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>
/// A footnote text as printed: in the PDF form, <paramref name="Page"/> is the page whose foot holds it.
/// <paramref name="IsEndnote"/>: the text gathered it after the resolution in the Markdown form (<c>[^7]: text</c>),
/// so which page its marker stands on is not known (decision 107).
/// </summary>
internal sealed record FootnoteDefinition(int Number, string Text, int Line, int Page, bool IsEndnote = false);

/// <summary>What a form reader found, in the form-neutral shape the assembler works from.</summary>
internal sealed class ResolutionDraft(ResolutionTextForm form)
{
    public ResolutionTextForm Form => form;

    public string? ResolutionNumber { get; set; }

    public string? Symbol { get; set; }

    public string? Title { get; set; }

    public DateOnly? AdoptionDate { get; set; }

    public DateOnly? ClosingDate { get; set; }

    public string? Session { get; set; }

    public string? Meeting { get; set; }

    public List<BodyBlock> Blocks { get; } = [];

    public List<FootnoteDefinition> Footnotes { get; } = [];

    public List<ParseProblem> Problems { get; } = [];

    public void Report(int line, string reason) => Problems.Add(new ParseProblem(line, reason));
}
