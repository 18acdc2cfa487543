using System.Globalization;
using System.Text.RegularExpressions;
using WsisTracker.Core.Data.Seeding;
using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Resolutions.Parsing;

namespace WsisTracker.UnitTests.Resolutions.Parsing;

/// <summary>The two real resolution texts and helpers to read them the way the assertions need.</summary>
internal static partial class ResolutionTexts
{
    public const string OdsFile = "A-RES-70-125.txt";
    public const string PdfFile = "A-RES-80-173.txt";

    public static string Ods => SeedData.ReadText(OdsFile);

    public static string Pdf => SeedData.ReadText(PdfFile);

    public static ParsedResolution ParseOds() => ParseSucceeded(Ods);

    public static ParsedResolution ParsePdf() => ParseSucceeded(Pdf);

    public static ParsedResolution ParseSucceeded(string text)
    {
        var result = ResolutionParser.Parse(text);
        Assert.Empty(result.Problems);
        Assert.True(result.Succeeded);
        return result.Resolution!;
    }

    /// <summary>The input's lines as the parser numbers them: a final line break does not start another line.</summary>
    public static string[] Lines(string text)
    {
        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    public static string JoinLines(IEnumerable<string> lines) => string.Join('\n', lines) + "\n";

    /// <summary>The 1-based number of the first line that satisfies <paramref name="match"/>.</summary>
    public static int LineNumberOf(string text, Func<string, bool> match) =>
        Array.FindIndex(Lines(text), line => match(line)) + 1;

    public static string NormalizeWhitespace(string text) => Whitespace().Replace(text, " ").Trim();

    public static ParsedParagraph Operative(this ParsedResolution resolution, int number) =>
        resolution.Paragraphs.Single(p => p.Number == number);

    public static IReadOnlyList<ParsedParagraph> Preambular(this ParsedResolution resolution) =>
        [.. resolution.Paragraphs.Where(p => p.Kind == ParagraphKind.Preambular)];

    /// <summary>"p2" for the second paragraph when preambular, "12" for operative paragraph 12.</summary>
    public static string Label(ParsedParagraph paragraph) =>
        paragraph.Number?.ToString(CultureInfo.InvariantCulture) ?? "p" + paragraph.Order.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every (paragraph, footnote) pair in reading order, as "label:footnote".</summary>
    public static IReadOnlyList<string> ReferencePairs(ParsedResolution resolution) =>
        [.. resolution.Paragraphs.SelectMany(p => p.FootnoteReferences.Select(r => $"{Label(p)}:{r.FootnoteNumber}"))];

    /// <summary>The paragraph text with each footnote number put back where its marker stood.</summary>
    public static string WithMarkersRestored(ParsedParagraph paragraph)
    {
        var text = paragraph.Text;
        foreach (var reference in paragraph.FootnoteReferences.Reverse())
        {
            text = text.Insert(reference.Offset, reference.FootnoteNumber.ToString(CultureInfo.InvariantCulture));
        }

        return text;
    }

    /// <summary>The text before and after the place where footnote <paramref name="number"/> is referenced.</summary>
    public static (string Before, string After) AroundReference(ParsedParagraph paragraph, int number)
    {
        var reference = paragraph.FootnoteReferences.Single(r => r.FootnoteNumber == number);
        return (paragraph.Text[..reference.Offset], paragraph.Text[reference.Offset..]);
    }

    public static void AssertNormalized(ParsedParagraph paragraph)
    {
        Assert.DoesNotContain('\t', paragraph.Text);
        Assert.DoesNotContain("  ", paragraph.Text, StringComparison.Ordinal);
        Assert.Equal(paragraph.Text.Trim(), paragraph.Text);
        Assert.NotEmpty(paragraph.Text);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
