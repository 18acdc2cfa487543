using System.Text;
using WsisTracker.Core.Resolutions.Parsing;

namespace WsisTracker.UnitTests.Resolutions.Parsing;

/// <summary>Malformed variants of the real texts: each is reported as a problem on the right line, never thrown.</summary>
public class MalformedInputTests
{
    public static TheoryData<string> BothForms => [ResolutionTexts.OdsFile, ResolutionTexts.PdfFile];

    [Fact]
    public void Parse_EmptyInput_IsReportedOnLine1()
    {
        var result = ResolutionParser.Parse(string.Empty);

        Assert.Null(result.Resolution);
        Assert.False(result.Succeeded);
        AssertProblem(result, 1, "empty");
    }

    [Fact]
    public void Parse_WhitespaceOnlyInput_IsReportedOnLine1()
    {
        var result = ResolutionParser.Parse(" \n\t\t\n   \r\n");

        Assert.Null(result.Resolution);
        AssertProblem(result, 1, "only whitespace");
    }

    [Theory]
    [MemberData(nameof(BothForms))]
    public void Parse_NulCharacter_IsReportedOnItsLine(string file)
    {
        var lines = ResolutionTexts.Lines(Read(file));
        lines[19] = lines[19].Insert(3, "\0");

        var result = ResolutionParser.Parse(ResolutionTexts.JoinLines(lines));

        Assert.Null(result.Resolution);
        AssertProblem(result, 20, "NUL", "column 4", "binary");
    }

    [Theory]
    [MemberData(nameof(BothForms))]
    public void Parse_BinaryBytes_AreReportedOnTheirLine(string file)
    {
        var lines = ResolutionTexts.Lines(Read(file));
        lines[29] = Encoding.UTF8.GetString([0x89, 0x50, 0x4E, 0x47, 0x1A, 0x00, 0xFF, 0xFE]);

        var result = ResolutionParser.Parse(ResolutionTexts.JoinLines(lines));

        Assert.Null(result.Resolution);
        AssertProblem(result, 30, "U+FFFD", "binary");
    }

    [Fact]
    public void Parse_ControlCharacter_IsReportedOnItsLine()
    {
        var lines = ResolutionTexts.Lines(ResolutionTexts.Pdf);
        lines[99] += "\u0007";

        var result = ResolutionParser.Parse(ResolutionTexts.JoinLines(lines));

        AssertProblem(result, 100, "control character U+0007");
    }

    [Theory]
    [InlineData(0xFDD0, "FDD0")]
    [InlineData(0xFFFE, "FFFE")]
    [InlineData(0x1FFFF, "1FFFF")]
    public void Parse_Noncharacter_IsReportedOnItsLine(int codePoint, string hex)
    {
        var lines = ResolutionTexts.Lines(ResolutionTexts.Pdf);
        lines[99] += char.ConvertFromUtf32(codePoint);

        var result = ResolutionParser.Parse(ResolutionTexts.JoinLines(lines));

        AssertProblem(result, 100, $"non-character U+{hex}");
    }

    [Theory]
    [MemberData(nameof(BothForms))]
    public void Parse_TextTruncatedHalfway_IsReportedOnItsLastLine(string file)
    {
        var text = Read(file);
        var cut = text.Length / 2;
        while (text[cut - 1] is '\n' or ' ' || text[cut] == '\n')
        {
            cut++;
        }

        var truncated = text[..cut];

        var result = ResolutionParser.Parse(truncated);

        Assert.NotNull(result.Resolution);
        Assert.False(result.Succeeded);
        AssertProblem(result, ResolutionTexts.Lines(truncated).Length, "plenary meeting", "truncated");
    }

    [Fact]
    public void Parse_OdsDuplicateParagraphNumber_IsReportedOnTheSecondOne()
    {
        var text = ResolutionTexts.Ods.Replace("\t13.\t", "\t12.\t", StringComparison.Ordinal);
        var line = ResolutionTexts.LineNumberOf(text, l => l.StartsWith("\t12.\tWe recognize with satisfaction", StringComparison.Ordinal));

        var result = ResolutionParser.Parse(text);

        AssertProblem(result, line, "paragraph number 12 is used twice");
    }

    [Fact]
    public void Parse_PdfDuplicateParagraphNumber_IsReportedOnTheSecondOne()
    {
        var text = ResolutionTexts.Pdf.Replace("11. We reaffirm that gender", "10. We reaffirm that gender", StringComparison.Ordinal);
        var line = ResolutionTexts.LineNumberOf(text, l => l.StartsWith("10. We reaffirm that gender", StringComparison.Ordinal));

        var result = ResolutionParser.Parse(text);

        AssertProblem(result, line, "paragraph number 10 is used twice");
    }

    [Fact]
    public void Parse_OdsParagraphThatLostItsNumber_IsReportedOnItsLine()
    {
        var text = ResolutionTexts.Ods.Replace("\t30.\t", "\t", StringComparison.Ordinal);
        var line = ResolutionTexts.LineNumberOf(text, l => l.StartsWith("\tWe recognize that a lack of access", StringComparison.Ordinal));

        var result = ResolutionParser.Parse(text);

        AssertProblem(result, line, "no number");
        AssertProblem(result, line + 1, "paragraph 30 is missing");
        Assert.DoesNotContain(result.Resolution!.Paragraphs, p => p.Number == 30);
    }

    [Fact]
    public void Parse_PdfParagraphThatLostItsNumber_IsReportedOnItsLine()
    {
        var text = ResolutionTexts.Pdf.Replace("10. We are concerned by", "We are concerned by", StringComparison.Ordinal);
        var line = ResolutionTexts.LineNumberOf(text, l => l.StartsWith("We are concerned by the critical", StringComparison.Ordinal));

        var result = ResolutionParser.Parse(text);

        AssertProblem(result, line, "no number");
    }

    [Fact]
    public void Parse_OdsMissingParagraph_IsReportedOnTheParagraphAfterTheGap()
    {
        var lines = ResolutionTexts.Lines(ResolutionTexts.Ods).Where(l => !l.StartsWith("\t30.\t", StringComparison.Ordinal)).ToList();
        var text = ResolutionTexts.JoinLines(lines);
        var line = ResolutionTexts.LineNumberOf(text, l => l.StartsWith("\t31.\t", StringComparison.Ordinal));

        var result = ResolutionParser.Parse(text);

        AssertProblem(result, line, "Operative paragraph 30 is missing");
    }

    [Fact]
    public void Parse_OdsParagraphsOutOfSequence_AreReported()
    {
        var lines = ResolutionTexts.Lines(ResolutionTexts.Ods);
        var fortyTwo = Array.FindIndex(lines, l => l.StartsWith("\t42.\t", StringComparison.Ordinal));
        (lines[fortyTwo], lines[fortyTwo + 1]) = (lines[fortyTwo + 1], lines[fortyTwo]);

        var result = ResolutionParser.Parse(ResolutionTexts.JoinLines(lines));

        AssertProblem(result, fortyTwo + 1, "Operative paragraph 42 is missing");
        AssertProblem(result, fortyTwo + 2, "paragraph 42 is out of sequence", "paragraph 44 was expected");
    }

    [Fact]
    public void Parse_PdfPageHeaderWithoutPageMarker_IsReportedOnTheHeaderAndTheTextStillReads()
    {
        var lines = ResolutionTexts.Lines(ResolutionTexts.Pdf).ToList();
        var marker = lines.FindIndex(l => l.Trim() == "3/20");
        var pageBreak = lines.FindLastIndex(marker, l => l.Length == 0);
        lines.RemoveAt(marker);

        var result = ResolutionParser.Parse(ResolutionTexts.JoinLines(lines));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(pageBreak + 2, problem.Line);
        Assert.Contains("page header", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("no page marker", problem.Reason, StringComparison.Ordinal);
        var resolution = result.Resolution!;
        Assert.Equal(127, resolution.Paragraphs.Count(p => p.Number is not null));
        Assert.EndsWith(
            "unique and emerging information and communications technology challenges facing all countries, in particular developing countries, including African countries, the least developed countries, landlocked developing countries, small island developing States and middle-income countries, as well as countries and territories under foreign occupation, countries in situations of conflict, post-conflict countries and countries affected by natural disasters.",
            resolution.Operative(5).Text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PdfPageBreakWithoutAnyHeader_IsReported()
    {
        var lines = ResolutionTexts.Lines(ResolutionTexts.Pdf).ToList();
        var marker = lines.FindIndex(l => l.Trim() == "3/20");
        var pageBreak = lines.FindLastIndex(marker, l => l.Length == 0);
        lines.RemoveRange(pageBreak + 1, marker - pageBreak + 1);
        var text = ResolutionTexts.JoinLines(lines);
        var firstLineOfPage = ResolutionTexts.LineNumberOf(text, l => l.StartsWith("and communications technology challenges", StringComparison.Ordinal));

        var result = ResolutionParser.Parse(text);

        AssertProblem(result, firstLineOfPage, "not followed by a page header");
    }

    [Fact]
    public void Parse_PdfFootnoteWithNumberButNoText_IsReportedOnItsLine()
    {
        var text = ResolutionTexts.Pdf.Replace("\n4 Ibid. \n", "\n4 \n", StringComparison.Ordinal);
        var line = ResolutionTexts.LineNumberOf(text, l => l == "4 ");

        var result = ResolutionParser.Parse(text);

        AssertProblem(result, line, "Footnote 4 has a number but no text");
    }

    [Fact]
    public void Parse_OdsFootnoteWithNumberButNoText_IsReportedOnItsLine()
    {
        var text = ResolutionTexts.Ods.Replace("\n5 Resolution 69/313, annex.\n", "\n5\n", StringComparison.Ordinal);
        var line = ResolutionTexts.LineNumberOf(text, l => l == "5");

        var result = ResolutionParser.Parse(text);

        AssertProblem(result, line, "Footnote 5 has a number but no text");
    }

    [Fact]
    public void Parse_OdsFootnoteReferencedButNotPrinted_IsReportedWhereTheMarkerStands()
    {
        var lines = ResolutionTexts.Lines(ResolutionTexts.Ods).Where(l => !l.StartsWith("10 A/67/65", StringComparison.Ordinal));
        var text = ResolutionTexts.JoinLines(lines);
        var line = ResolutionTexts.LineNumberOf(text, l => l.StartsWith("\t63.\t", StringComparison.Ordinal));

        var result = ResolutionParser.Parse(text);

        AssertProblem(result, line, "Footnote marker 10 has no footnote text");
    }

    [Fact]
    public void Parse_PdfFootnoteNeverReferenced_IsReportedOnItsLine()
    {
        var text = ResolutionTexts.Pdf.Replace("Disabilities 7 ", "Disabilities ", StringComparison.Ordinal);
        var line = ResolutionTexts.LineNumberOf(text, l => l.StartsWith("7 United Nations", StringComparison.Ordinal));

        var result = ResolutionParser.Parse(text);

        AssertProblem(result, line, "Footnote 7 is never referenced");
    }

    [Fact]
    public void Parse_TextWithoutResolutionTitle_IsNotAResolution()
    {
        var result = ResolutionParser.Parse("Minutes of the meeting\n\nThe committee met and talked.\n");

        Assert.Null(result.Resolution);
        AssertProblem(result, 1, "resolution number and title");
    }

    private static string Read(string file) => file == ResolutionTexts.OdsFile ? ResolutionTexts.Ods : ResolutionTexts.Pdf;

    private static void AssertProblem(ResolutionParseResult result, int line, params string[] reasonParts)
    {
        var found = result.Problems.Any(p => p.Line == line && reasonParts.All(part => p.Reason.Contains(part, StringComparison.OrdinalIgnoreCase)));
        Assert.True(
            found,
            $"Expected a problem at line {line} mentioning \"{string.Join("\", \"", reasonParts)}\"; found: "
            + string.Join(" | ", result.Problems.Select(p => $"{p.Line}: {p.Reason}")));
    }
}
