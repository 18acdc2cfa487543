namespace WsisTracker.UnitTests.Resolutions.Parsing;

/// <summary>Document symbols, years and numbers that end in digits are not footnote markers (issue 14).</summary>
public class DocumentSymbolTests
{
    private static string Pdf(string preamble, params string[] footnotes) => ResolutionTexts.JoinLines(
    [
        "United Nations ",
        "A/RES/80/21 ",
        " ",
        "General Assembly ",
        "Distr.: General ",
        "5 December 2025 ",
        "25-20001 (E) ",
        " ",
        "Eightieth session ",
        " ",
        " Resolution adopted by the General Assembly ",
        "on 1 December 2025 ",
        " ",
        " 80/21. Open-ended working group ",
        " ",
        "The General Assembly, ",
        " ",
        preamble,
        " ",
        "1. Welcomes the report; ",
        " ",
        "2. Decides to remain seized of the matter. ",
        .. footnotes.Length == 0 ? Array.Empty<string>() : ["_______________ ", " ", .. footnotes],
        string.Empty,
        "A/RES/80/21 ",
        "Open-ended working group ",
        " ",
        "25-20001",
        "2/2 ",
        " ",
        "45th plenary meeting ",
        "1 December 2025 ",
    ]);

    [Theory]
    [InlineData("Taking note of the report contained in document A/AC.292/2025/INF/5/Rev.1, ")]
    [InlineData("Recalling document A/70/L.33 and its Corr.1 and Add.2, ")]
    [InlineData("Recalling the report (A/73/12 (Part I)), resolution 79/1 and 2.2 billion people, ")]
    public void Parse_SymbolsWithoutFootnotes_ReportsNoMarker(string preamble)
    {
        var resolution = ResolutionTexts.ParseSucceeded(Pdf(preamble));

        Assert.Equal(preamble.Trim(), resolution.Paragraphs[0].Text);
        Assert.Empty(resolution.Paragraphs[0].FootnoteReferences);
    }

    [Fact]
    public void Parse_SymbolSuffixBeforeARealMarker_KeepsTheSuffixAndFindsTheMarker()
    {
        var resolution = ResolutionTexts.ParseSucceeded(Pdf(
            "Taking note of document A/AC.292/2025/INF/5/Rev.1 and resolution 79/7;1 ",
            "1 A/80/83. "));

        Assert.Equal("Taking note of document A/AC.292/2025/INF/5/Rev.1 and resolution 79/7;", resolution.Paragraphs[0].Text);
        Assert.Equal(1, resolution.Paragraphs[0].FootnoteReferences.Single().FootnoteNumber);
    }

    [Fact]
    public void Parse_MarkerGluedToTheEndOfAYearRange_IsReadAsAMarker()
    {
        var resolution = ResolutionTexts.ParseSucceeded(Pdf(
            "Recalling the Vienna Programme of Action for the Decade 2014\u201320241 and its review, ",
            "1 Resolution 69/137, annex II. "));

        Assert.Equal("Recalling the Vienna Programme of Action for the Decade 2014\u20132024 and its review,", resolution.Paragraphs[0].Text);
        Assert.Equal(1, resolution.Paragraphs[0].FootnoteReferences.Single().FootnoteNumber);
    }
}
