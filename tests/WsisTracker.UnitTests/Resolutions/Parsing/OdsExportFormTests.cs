using System.Text.RegularExpressions;
using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Resolutions.Parsing;

namespace WsisTracker.UnitTests.Resolutions.Parsing;

/// <summary>A/RES/70/125 as exported from the UN Official Document System.</summary>
public class OdsExportFormTests
{
    private const string Title =
        "Outcome document of the high-level meeting of the General Assembly on the overall review of the implementation of the outcomes of the World Summit on the Information Society";

    private readonly ParsedResolution _resolution = ResolutionTexts.ParseOds();

    [Fact]
    public void Parse_OdsExport_DetectsTheFormAndReadsTheHeader()
    {
        Assert.Equal(ResolutionTextForm.OdsExport, _resolution.Form);
        Assert.Equal("A/RES/70/125", _resolution.Symbol);
        Assert.Equal(Title, _resolution.Title);
        Assert.Equal(new DateOnly(2015, 12, 16), _resolution.AdoptionDate);
        Assert.Equal("Seventieth session", _resolution.Session);
        Assert.Equal("79th plenary meeting", _resolution.Meeting);
    }

    /// <summary>
    /// Six preambular paragraphs: "We, the Ministers ..." and the five "Recalling / Welcoming / Building on /
    /// Reaffirming / Reaffirming also" paragraphs before operative paragraph 1. "The General Assembly" is the
    /// resolution's enacting formula, "Adopts the following outcome document ...:" its own operative clause, and the
    /// repeated title heads the adopted document: none of them is a paragraph of the outcome document.
    /// </summary>
    [Fact]
    public void Parse_OdsExport_FindsSixPreambularParagraphsFromWeTheMinisters()
    {
        var preambular = _resolution.Preambular();

        Assert.Equal(6, preambular.Count);
        Assert.StartsWith("We, the Ministers and heads of delegations", preambular[0].Text, StringComparison.Ordinal);
        Assert.Equal(
            ["We,", "Recalling", "Welcoming", "Building", "Reaffirming", "Reaffirming"],
            preambular.Select(p => p.Text.Split(' ')[0]));
        Assert.StartsWith("Reaffirming also General Assembly resolution 69/313", preambular[5].Text, StringComparison.Ordinal);
        Assert.All(preambular, p => Assert.Null(p.Number));
        Assert.DoesNotContain(preambular, p => p.Text.StartsWith("The General Assembly", StringComparison.Ordinal) || p.Text == Title);
        Assert.StartsWith("Adopts the following outcome document", _resolution.AdoptingClause, StringComparison.Ordinal);
        Assert.Equal(Title, _resolution.AdoptedDocumentTitle);
    }

    [Fact]
    public void Parse_OdsExport_Finds71OperativeParagraphsNumberedInReadingOrder()
    {
        var operative = _resolution.Paragraphs.Where(p => p.Kind == ParagraphKind.Operative).ToList();

        Assert.Equal(Enumerable.Range(1, 71).Cast<int?>(), operative.Select(p => p.Number));
        Assert.Equal(Enumerable.Range(1, 77), _resolution.Paragraphs.Select(p => p.Order));
        Assert.All(_resolution.Paragraphs.Take(6), p => Assert.Equal(ParagraphKind.Preambular, p.Kind));
    }

    /// <summary>Each operative paragraph is its "&lt;TAB&gt;N.&lt;TAB&gt;" line, whitespace normalised, markers removed.</summary>
    [Fact]
    public void Parse_OdsExport_EveryOperativeTextIsItsSourceLineWithoutMarkers()
    {
        var lines = ResolutionTexts.Lines(ResolutionTexts.Ods);

        foreach (var paragraph in _resolution.Paragraphs.Where(p => p.Number is not null))
        {
            var prefix = $"\t{paragraph.Number}.\t";
            var source = lines.Single(line => line.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];
            Assert.Equal(ResolutionTexts.NormalizeWhitespace(source), ResolutionTexts.WithMarkersRestored(paragraph));
            ResolutionTexts.AssertNormalized(paragraph);
        }

        Assert.All(_resolution.Paragraphs, ResolutionTexts.AssertNormalized);
    }

    [Fact]
    public void Parse_OdsExport_Paragraphs27And63AreVerbatim()
    {
        Assert.Equal(
            "We emphasize our concern that only 41 per cent of women have Internet access, and draw attention to the gender digital divide, which persists in women's access to and use of information and communications technologies, including in education, employment and other areas of economic and social development. We recognize that ending the gender digital divide and the achievement of Sustainable Development Goal 5 on gender are mutually reinforcing efforts, and we commit to mainstreaming gender in the World Summit on the Information Society process, including through a new emphasis on gender in the implementation and monitoring of the action lines, with the support of relevant United Nations entities, including the United Nations Entity for Gender Equality and the Empowerment of Women (UN-Women). We call for immediate measures to achieve gender equality in Internet users by 2020, especially by significantly enhancing women's and girls' education and participation in information and communications technologies, as users, content creators, employees, entrepreneurs, innovators and leaders. We reaffirm our commitment to ensure women's full participation in decision-making processes related to information and communications technologies.",
            _resolution.Operative(27).Text);
        Assert.Equal(
            "We acknowledge the role of the Internet Governance Forum as a multi-stakeholder platform for discussion of Internet governance issues. We support the recommendations in the report of the Working Group on Improvements to the Internet Governance Forum of the Commission on Science and Technology for Development, which the General Assembly took note of in its resolution 68/198 of 20 December 2013, and we call for their accelerated implementation. We extend for another 10 years the existing mandate of the Internet Governance Forum as set out in paragraphs 72 to 78 of the Tunis Agenda. We recognize that during that period, the Forum should continue to show progress on working modalities and the participation of relevant stakeholders from developing countries. We call upon the Commission, within its regular reporting, to give due consideration to fulfilment of the recommendations in the report of its Working Group.",
            _resolution.Operative(63).Text);
        Assert.Equal(
            "We reaffirm that Internet governance should continue to follow the provisions set forth in the outcomes of the summits held in Geneva and Tunis.",
            _resolution.Operative(8).Text);
    }

    [Fact]
    public void Parse_OdsExport_FindsNineSectionsNumberedAsPrinted()
    {
        Assert.Equal(
            [
                (1, "1.", "Information and communications technology for development"),
                (2, "1.1", "Bridging digital divides"),
                (3, "1.2", "Enabling environment"),
                (4, "1.3", "Financial mechanisms"),
                (5, "2.", "Human rights in the information society"),
                (6, "3.", "Building confidence and security in the use of information and communications technologies"),
                (7, "4.", "Internet governance"),
                (8, "4.1.", "Enhanced cooperation"),
                (9, "5.", "Follow-up and review"),
            ],
            _resolution.Sections.Select(s => (s.Order, s.Number, s.Title)));
    }

    [Fact]
    public void Parse_OdsExport_ParagraphsStandUnderTheirSections()
    {
        Assert.All(_resolution.Preambular(), p => Assert.Null(p.SectionOrder));
        Assert.All(Enumerable.Range(1, 11), n => Assert.Null(_resolution.Operative(n).SectionOrder));
        Assert.Equal(1, _resolution.Operative(12).SectionOrder);
        Assert.Equal(1, _resolution.Operative(20).SectionOrder);
        Assert.Equal(2, _resolution.Operative(21).SectionOrder);
        Assert.Equal(7, _resolution.Operative(63).SectionOrder);
        Assert.Equal(8, _resolution.Operative(64).SectionOrder);
        Assert.Equal(9, _resolution.Operative(71).SectionOrder);
    }

    [Fact]
    public void Parse_OdsExport_FindsTenFootnotesWithTheirTexts()
    {
        Assert.Equal(Enumerable.Range(1, 10), _resolution.Footnotes.Select(f => f.Number));
        Assert.Equal("See A/60/687.", _resolution.Footnotes[0].Text);
        Assert.Equal("Resolution 217 A (III).", _resolution.Footnotes[2].Text);
        Assert.Equal(
            "See Official Records of the General Assembly, Sixty-ninth Session, Supplement No. 53 (A/69/53), chap. V, sect. A.",
            _resolution.Footnotes[6].Text);
        Assert.Equal("A/67/65-E/2012/48 and Corr.1.", _resolution.Footnotes[9].Text);
    }

    /// <summary>Footnotes 1 and 4 repeat in paragraph 2, footnote 2 in paragraph 5.</summary>
    [Fact]
    public void Parse_OdsExport_FindsEveryFootnoteReferenceInReadingOrder()
    {
        Assert.Equal(
            ["p2:1", "p6:2", "1:3", "2:4", "2:4", "2:1", "5:2", "37:5", "41:6", "43:7", "45:8", "51:9", "63:10"],
            ResolutionTexts.ReferencePairs(_resolution));
    }

    [Fact]
    public void Parse_OdsExport_MarkersGluedToWordsPunctuationAndYearsAreRemovedWhereTheyStood()
    {
        var (before, after) = ResolutionTexts.AroundReference(_resolution.Paragraphs[1], 1);
        Assert.EndsWith("Tunis Agenda for the Information Society", before, StringComparison.Ordinal);
        Assert.StartsWith(" that the General Assembly undertake", after, StringComparison.Ordinal);

        (before, after) = ResolutionTexts.AroundReference(_resolution.Paragraphs[5], 2);
        Assert.EndsWith("2030 Agenda for Sustainable Development,", before, StringComparison.Ordinal);
        Assert.StartsWith(" supports and complements it", after, StringComparison.Ordinal);

        (before, after) = ResolutionTexts.AroundReference(_resolution.Operative(43), 7);
        Assert.EndsWith("Human Rights Council resolution 26/13 of 26 June 2014", before, StringComparison.Ordinal);
        Assert.StartsWith(" and General Assembly resolution 69/166", after, StringComparison.Ordinal);

        (before, after) = ResolutionTexts.AroundReference(_resolution.Operative(1), 3);
        Assert.EndsWith("Universal Declaration of Human Rights.", before, StringComparison.Ordinal);
        Assert.Equal(string.Empty, after);
    }

    [Fact]
    public void Parse_OdsExport_NumbersThatAreNotFootnotesStayInTheText()
    {
        Assert.Contains("from 2.2 billion in 2005 to 7.1 billion in 2015", _resolution.Operative(14).Text, StringComparison.Ordinal);
        Assert.Contains("as set out in action line C10 of the Plan of Action", _resolution.Operative(11).Text, StringComparison.Ordinal);
        Assert.Contains(_resolution.Paragraphs, p => p.Text.Contains("across all 17 Sustainable Development Goals", StringComparison.Ordinal));
        Assert.Contains(_resolution.Paragraphs, p => p.Text.Contains("progress on paragraphs 23 and 27 of the Tunis Agenda", StringComparison.Ordinal));
        Assert.Contains("of 26 June 2014 and", _resolution.Operative(43).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OdsExport_Paragraph11MentionsActionLineC10AndNoOtherParagraphNamesACode()
    {
        Assert.Equal(["C10"], _resolution.Operative(11).MentionedActionLines);
        Assert.All(_resolution.Paragraphs.Where(p => p.Number != 11), p => Assert.Empty(p.MentionedActionLines));
    }

    [Fact]
    public void Parse_OdsExport_KeepsTheMetadataTrailerOutOfTheText()
    {
        Assert.DoesNotContain(_resolution.Paragraphs, p => Regex.IsMatch(p.Text, "<<ODS|\\[DU1\\]|Please recycle"));
        Assert.DoesNotContain(_resolution.Footnotes, f => f.Text.Contains("ODS", StringComparison.Ordinal));
    }
}
