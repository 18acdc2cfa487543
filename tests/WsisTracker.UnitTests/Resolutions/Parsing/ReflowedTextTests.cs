using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Resolutions.Parsing;

namespace WsisTracker.UnitTests.Resolutions.Parsing;

/// <summary>
/// Text extracted from a PDF and reflowed (each paragraph on one line, an empty line between blocks, page furniture
/// and footnotes inline), as some extractions give it and a user may paste it (issue 14).
/// </summary>
public class ReflowedTextTests
{
    private static string Reflowed(params string[] body) => ResolutionTexts.JoinLines(
    [
        string.Empty,
        "United Nations",
        string.Empty,
        "General Assembly Distr.: General 5 December 2025",
        string.Empty,
        "Eightieth session Agenda item 98",
        string.Empty,
        "Resolution adopted by the General Assembly on 1 December 2025",
        string.Empty,
        "80/31. Open-ended working group on space",
        string.Empty,
        "The General Assembly,",
        string.Empty,
        .. body,
    ]);

    [Fact]
    public void Parse_Reflowed_EmptyLinesSeparateParagraphsAndTheDatedMeetingLineCloses()
    {
        var resolution = ResolutionTexts.ParseSucceeded(Reflowed(
            "Recalling its resolution 79/20,",
            string.Empty,
            "1. Welcomes the report;",
            string.Empty,
            "2. Decides to remain seized of the matter.",
            string.Empty,
            "52nd plenary meeting 1 December 2025"));

        Assert.Equal([ParagraphKind.Preambular, ParagraphKind.Operative, ParagraphKind.Operative], resolution.Paragraphs.Select(p => p.Kind));
        Assert.Equal("Decides to remain seized of the matter.", resolution.Paragraphs[^1].Text);
    }

    [Fact]
    public void Parse_ReflowedMarkdown_FootnotesDefinedAfterTheTextAreReadWithEveryShapeOfMarker()
    {
        var resolution = ResolutionTexts.ParseSucceeded(Reflowed(
            "Recalling the Treaty on Outer Space,1 and the statements made by a number of States 2 that they would not act first,",
            string.Empty,
            "1. Underlines the importance of the report[^3] adopted by consensus;",
            string.Empty,
            "2. Decides to remain seized of the matter.",
            string.Empty,
            "52nd plenary meeting 1 December 2025",
            string.Empty,
            "---",
            string.Empty,
            "[^1]: United Nations, Treaty Series, vol. 610, No. 8843.",
            string.Empty,
            "[^2]: Argentina, Armenia and",
            "    12 other States.",
            string.Empty,
            "[^3]: A/79/364."));

        Assert.Equal("Recalling the Treaty on Outer Space, and the statements made by a number of States that they would not act first,", resolution.Paragraphs[0].Text);
        Assert.Equal("Underlines the importance of the report adopted by consensus;", resolution.Paragraphs[1].Text);
        Assert.Equal([(1, "United Nations, Treaty Series, vol. 610, No. 8843."), (2, "Argentina, Armenia and 12 other States."), (3, "A/79/364.")], resolution.Footnotes.Select(f => (f.Number, f.Text)));
        Assert.Equal([3], resolution.Paragraphs[1].FootnoteReferences.Select(r => r.FootnoteNumber));
    }

    [Fact]
    public void Parse_ReflowedMarkdown_AMarkerWithoutItsDefinitionIsReportedByLine()
    {
        var result = ResolutionParser.Parse(Reflowed(
            "Recalling the report,1",
            string.Empty,
            "1. Underlines the importance of the study[^2];",
            string.Empty,
            "52nd plenary meeting 1 December 2025",
            string.Empty,
            "---",
            string.Empty,
            "[^1]: A/79/364."));

        Assert.Contains(result.Problems, p => p.Reason.Contains("Footnote marker 2 has no footnote text", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_Reflowed_InlineFootnotesAndRunningTitleDoNotCutTheParagraph()
    {
        var resolution = ResolutionTexts.ParseSucceeded(Reflowed(
            "Recalling the report of the Meeting held in New York,1",
            string.Empty,
            "1. Urges an early start of work based on the draft treaty on the prevention of the",
            string.Empty,
            "1 See CD/1839.",
            string.Empty,
            "Open-ended working group on space",
            string.Empty,
            "threat or use of force against outer space objects;",
            string.Empty,
            "2. Decides to remain seized of the matter.",
            string.Empty,
            "52nd plenary meeting 1 December 2025"));

        Assert.Equal("Recalling the report of the Meeting held in New York,", resolution.Paragraphs[0].Text);
        Assert.Equal("Urges an early start of work based on the draft treaty on the prevention of the threat or use of force against outer space objects;", resolution.Paragraphs[1].Text);
        Assert.Equal("See CD/1839.", Assert.Single(resolution.Footnotes).Text);
    }

    [Fact]
    public void Parse_Reflowed_RuleGluedToTheLineStartsTheFootnotes()
    {
        var resolution = ResolutionTexts.ParseSucceeded(Reflowed(
            "Recalling the Convention,1",
            string.Empty,
            "1. Encourages events at the national, regional and international ---",
            string.Empty,
            "1 United Nations, Treaty Series, vol. 1015, No. 14860.",
            string.Empty,
            "levels;",
            string.Empty,
            "52nd plenary meeting 1 December 2025"));

        Assert.Equal("Encourages events at the national, regional and international levels;", resolution.Paragraphs[1].Text);
        Assert.Equal("United Nations, Treaty Series, vol. 1015, No. 14860.", Assert.Single(resolution.Footnotes).Text);
    }

    [Fact]
    public void Parse_Reflowed_LongBlockStoppingMidSentenceContinuesInTheNextBlock()
    {
        var first = "Cognizant of the discussions on developments in science and technology at the International Atomic Energy Agency and the decision of the Ninth Review Conference of the States Parties to the Convention on the Development, Production and";
        var resolution = ResolutionTexts.ParseSucceeded(Reflowed(
            first,
            string.Empty,
            "Stockpiling of Toxin Weapons,",
            string.Empty,
            "Peace and security",
            string.Empty,
            "1. Decides to remain seized of the matter.",
            string.Empty,
            "52nd plenary meeting 1 December 2025"));

        Assert.Equal(first + " Stockpiling of Toxin Weapons,", resolution.Paragraphs[0].Text);
        Assert.Equal("Peace and security", Assert.Single(resolution.Sections).Title);
    }

    [Fact]
    public void Parse_Reflowed_FootnotesAfterAParagraphCutMidSentenceStandOnThePageOfItsMarkers()
    {
        var cut = "Welcoming also the report of the Secretary-General on the continuing operation of the Register and its further development, prepared with the assistance of the group of governmental experts, 1 including the recommendation to use the “Seven-Plus-One”";
        var resolution = ResolutionTexts.ParseSucceeded(Reflowed(
            cut,
            string.Empty,
            "1 See A/80/121.",
            string.Empty,
            "formula, 2 as appropriate,",
            string.Empty,
            "1. Decides to remain seized of the matter.",
            string.Empty,
            "2 A/80/121, para. 127 (b).",
            string.Empty,
            "52nd plenary meeting 1 December 2025"));

        Assert.Equal("Welcoming also the report of the Secretary-General on the continuing operation of the Register and its further development, prepared with the assistance of the group of governmental experts, including the recommendation to use the “Seven-Plus-One” formula, as appropriate,", resolution.Paragraphs[0].Text);
        Assert.Equal([1, 2], resolution.Footnotes.Select(f => f.Number));
    }

    [Fact]
    public void Parse_Reflowed_ShortBlockStoppingMidSentenceContinuesInABlockStartingInLowerCase()
    {
        var resolution = ResolutionTexts.ParseSucceeded(Reflowed(
            "Recalling the recommendations consistent with paragraphs 60 to 63, and in",
            string.Empty,
            "particular paragraph 63 (d), of the Final Document,",
            string.Empty,
            "1. Decides to remain seized of the matter.",
            string.Empty,
            "52nd plenary meeting 1 December 2025"));

        Assert.Equal("Recalling the recommendations consistent with paragraphs 60 to 63, and in particular paragraph 63 (d), of the Final Document,", resolution.Paragraphs[0].Text);
        Assert.Equal(2, resolution.Paragraphs.Count);
    }

    [Fact]
    public void Parse_Reflowed_FootnotesAfterTheMeetingLineAreRead()
    {
        var resolution = ResolutionTexts.ParseSucceeded(Reflowed(
            "Recalling the Treaty,1",
            string.Empty,
            "1. Calls upon States Parties to the Treaty2 to act.",
            string.Empty,
            "52nd plenary meeting 1 December 2025",
            string.Empty,
            "1 A/50/426, annex.",
            string.Empty,
            "2 United Nations, Treaty Series, vol. 729, No. 10485."));

        Assert.Equal([1, 2], resolution.Footnotes.Select(f => f.Number));
        Assert.Equal("Calls upon States Parties to the Treaty to act.", resolution.Paragraphs[1].Text);
    }

    [Fact]
    public void Parse_SpacedMarkerBehindALowerCaseWordBeforeAnd_IsAMarkerUnlessTheWordNumbersIt()
    {
        var resolution = ResolutionTexts.ParseSucceeded(Reflowed(
            "Welcoming the adoption of the agenda 1 and the timetable,",
            string.Empty,
            "Recalling paragraphs 2 and 3 of its resolution 79/20,",
            string.Empty,
            "1. Decides to remain seized of the matter.",
            string.Empty,
            "52nd plenary meeting 1 December 2025",
            string.Empty,
            "1 A/AC.297/2025/3."));

        Assert.Equal("Welcoming the adoption of the agenda and the timetable,", resolution.Paragraphs[0].Text);
        Assert.Equal("Recalling paragraphs 2 and 3 of its resolution 79/20,", resolution.Paragraphs[1].Text);
    }

    [Fact]
    public void IsReflowed_TextWithLinesOfSpacesIsPdfTextAsExtracted()
    {
        Assert.True(PdfTextReader.IsReflowed(["a", string.Empty, "b"]));
        Assert.False(PdfTextReader.IsReflowed(["a ", " ", "b", string.Empty, "c"]));
    }
}
