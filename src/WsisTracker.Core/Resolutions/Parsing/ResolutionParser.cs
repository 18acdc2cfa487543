using System.Text.RegularExpressions;

namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>
/// Parses the text of a UN General Assembly resolution in either published form (<see cref="ResolutionTextForm"/>).
/// Malformed input is an expected outcome: it comes back as problems naming the line and the reason, never as an
/// exception.
/// </summary>
public static partial class ResolutionParser
{
    public static ResolutionParseResult Parse(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Failed(new ParseProblem(1, "The input is empty."));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Failed(new ParseProblem(1, "The input holds only whitespace."));
        }

        var lines = SourceText.SplitLines(text.TrimStart('\uFEFF'));
        if (SourceText.FindInvalidCharacter(lines) is { } invalid)
        {
            return Failed(invalid);
        }

        var draft = DetectForm(lines) == ResolutionTextForm.OdsExport
            ? OdsExportReader.Read(lines)
            : PdfTextReader.Read(lines);
        return draft.Title is null
            ? new ResolutionParseResult(null, draft.Problems)
            : ResolutionAssembler.Assemble(draft);
    }

    /// <summary>
    /// The ODS export writes operative paragraphs as "&lt;TAB&gt;N.&lt;TAB&gt;text" and ends with "&lt;&lt;ODS"
    /// metadata tags; text extracted from a PDF has neither. Anything else is read as PDF text.
    /// </summary>
    internal static ResolutionTextForm DetectForm(IReadOnlyList<string> lines) =>
        lines.Any(line => OdsParagraph().IsMatch(line) || line.Contains("<<ODS", StringComparison.Ordinal))
            ? ResolutionTextForm.OdsExport
            : ResolutionTextForm.PdfText;

    private static ResolutionParseResult Failed(ParseProblem problem) => new(null, [problem]);

    [GeneratedRegex("^\t[0-9]{1,3}\\.\t")]
    private static partial Regex OdsParagraph();
}
