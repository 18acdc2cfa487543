using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Resolutions.Parsing;

namespace WsisTracker.UnitTests.Resolutions.Parsing;

/// <summary>
/// A resolution whose only paragraph is one unnumbered operative clause ("Adopts the declaration ..., annexed to the
/// present resolution."), as the General Assembly prints it when it adopts an annexed text: the clause is operative
/// even without a number, while a preamble's paragraphs, which end in a comma, stay preambular.
/// </summary>
public class SingleClauseResolutionTests
{
    private static string Text(params string[] body) => ResolutionTexts.JoinLines(
    [
        "United Nations ",
        "A/RES/79/90 ",
        " ",
        "General Assembly ",
        "Distr.: General ",
        "25 November 2024 ",
        " ",
        "Seventy-ninth session ",
        "Agenda item 7 ",
        " ",
        " Resolution adopted by the General Assembly ",
        "on 24 November 2024 ",
        " ",
        "[without reference to a Main Committee (A/79/L.8)] ",
        " ",
        "79/90. Political declaration on digital cooperation ",
        " ",
        .. body,
        " ",
        "48th plenary meeting ",
        "24 November 2024 ",
        " ",
        "Annex ",
        "Political declaration on digital cooperation ",
        " ",
        "1. ",
        "We, the States Members of the United Nations, commit to cooperate. ",
        "2. ",
        "We will review progress. ",
    ]);

    [Fact]
    public void Parse_OnlyAnUnnumberedClauseBeforeTheAnnex_ReadsItAsOperative()
    {
        var result = ResolutionParser.Parse(Text(
            "The General Assembly ",
            " ",
            "Adopts the political declaration on digital cooperation, annexed to the ",
            "present resolution. "));

        Assert.Empty(result.Problems);
        var own = Assert.Single(result.Resolution!.Paragraphs, p => p.Part is null);
        Assert.Equal(ParagraphKind.Operative, own.Kind);
        Assert.Null(own.Number);
        Assert.Equal("Adopts the political declaration on digital cooperation, annexed to the present resolution.", own.Text);
        Assert.Equal(2, result.Resolution.Paragraphs.Count(p => p.Part == "annex" && p.Kind == ParagraphKind.Operative));
    }

    [Fact]
    public void Parse_APreambleAndAnUnnumberedClause_ReadsOnlyTheClauseAsOperative()
    {
        var result = ResolutionParser.Parse(Text(
            "The General Assembly, ",
            " ",
            "Recalling its resolution 78/1 of 12 October 2023, ",
            " ",
            "Adopts the political declaration on digital cooperation, annexed to the ",
            "present resolution. "));

        Assert.Empty(result.Problems);
        var own = result.Resolution!.Paragraphs.Where(p => p.Part is null).ToList();
        Assert.Equal([ParagraphKind.Preambular, ParagraphKind.Operative], own.Select(p => p.Kind));
    }

    [Fact]
    public void Parse_AnUnnumberedPreambleEndingInAComma_StaysPreambular()
    {
        var result = ResolutionParser.Parse(Text(
            "The General Assembly, ",
            " ",
            "Recalling its resolution 78/1 of 12 October 2023, "));

        Assert.All(result.Resolution!.Paragraphs.Where(p => p.Part is null), p => Assert.Equal(ParagraphKind.Preambular, p.Kind));
    }
}
