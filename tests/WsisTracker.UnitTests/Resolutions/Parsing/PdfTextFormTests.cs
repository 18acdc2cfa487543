using System.Text.RegularExpressions;
using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Resolutions.Parsing;

namespace WsisTracker.UnitTests.Resolutions.Parsing;

/// <summary>A/RES/80/173 as extracted from the official PDF (PyMuPDF plain text).</summary>
public class PdfTextFormTests
{
    private const string Title =
        "Outcome document of the high-level meeting of the General Assembly on the overall review of the implementation of the outcomes of the World Summit on the Information Society";

    private readonly ParsedResolution _resolution = ResolutionTexts.ParsePdf();

    [Fact]
    public void Parse_PdfText_DetectsTheFormAndReadsTheHeader()
    {
        Assert.Equal(ResolutionTextForm.PdfText, _resolution.Form);
        Assert.Equal("A/RES/80/173", _resolution.Symbol);
        Assert.Equal(Title, _resolution.Title);
        Assert.Equal(new DateOnly(2025, 12, 17), _resolution.AdoptionDate);
        Assert.Equal("Eightieth session", _resolution.Session);
        Assert.Equal("68th plenary meeting", _resolution.Meeting);
        Assert.StartsWith("Adopts the following outcome document", _resolution.AdoptingClause, StringComparison.Ordinal);
        Assert.EndsWith("at its eightieth session:", _resolution.AdoptingClause, StringComparison.Ordinal);
        Assert.Equal(Title, _resolution.AdoptedDocumentTitle);
    }

    [Fact]
    public void Parse_PdfText_FindsEightPreambularParagraphsFromWeTheMinistersToBuildingOn()
    {
        var preambular = _resolution.Preambular();

        Assert.Equal(
            ["We,", "Recalling", "Reaffirming", "Welcoming", "Recalling", "Recalling", "Welcoming", "Building"],
            preambular.Select(p => p.Text.Split(' ')[0]));
        Assert.Equal(
            "We, the Ministers and heads of delegations participating in the high-level plenary meeting of the General Assembly on the 20-year review of the implementation of the outcomes of the World Summit on the Information Society, held in New York on 16 and 17 December 2025,",
            preambular[0].Text);
        Assert.Equal(
            "Recalling resolution 79/277, adopted by the General Assembly on 27 March 2025, in which it established modalities for the 20-year review, to be held in accordance with the rules of procedure of the General Assembly,",
            preambular[4].Text);
        Assert.EndsWith("and contributions from the World Summit on the Information Society action line facilitators,", preambular[7].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PdfText_Finds127OperativeParagraphsNumberedInReadingOrder()
    {
        var operative = _resolution.Paragraphs.Where(p => p.Kind == ParagraphKind.Operative).ToList();

        Assert.Equal(Enumerable.Range(1, 127).Cast<int?>(), operative.Select(p => p.Number));
        Assert.Equal(Enumerable.Range(1, 135), _resolution.Paragraphs.Select(p => p.Order));
        Assert.All(_resolution.Paragraphs.Take(8), p => Assert.Equal(ParagraphKind.Preambular, p.Kind));
        Assert.StartsWith("We reaffirm our commitment to the vision of the World Summit", operative[0].Text, StringComparison.Ordinal);
        Assert.EndsWith("concerning the outcomes of the World Summit and identify areas of continued focus.", operative[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PdfText_KeepsPageHeadersFootersAndFootnotesOutOfTheParagraphs()
    {
        Assert.All(_resolution.Paragraphs, paragraph =>
        {
            ResolutionTexts.AssertNormalized(paragraph);
            Assert.DoesNotContain("25-20874", paragraph.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("A/RES/80/173", paragraph.Text, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\b[0-9]{1,2}/20\b", paragraph.Text);
            Assert.DoesNotContain("Outcome document of the high-level meeting", paragraph.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("of the outcomes of the World Summit on the Information Society A", paragraph.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("___", paragraph.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Ibid.", paragraph.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Treaty Series", paragraph.Text, StringComparison.Ordinal);
        });
    }

    /// <summary>Paragraph 5 runs to the foot of page 2, past the footnote block and the page 3 header.</summary>
    [Fact]
    public void Parse_PdfText_ParagraphCutByAPageBreakAndFootnotesIsWhole()
    {
        Assert.Equal(
            "We recognize that Governments and other stakeholders from many developing countries face barriers to participating fully in international digital governance and policy-making processes due to financial, technical and institutional constraints, as well as infrastructure and connectivity gaps. We acknowledge that particular attention should be paid to address the unique and emerging information and communications technology challenges facing all countries, in particular developing countries, including African countries, the least developed countries, landlocked developing countries, small island developing States and middle-income countries, as well as countries and territories under foreign occupation, countries in situations of conflict, post-conflict countries and countries affected by natural disasters.",
            _resolution.Operative(5).Text);
        Assert.Equal(
            "We recognize that the pace and power of emerging technologies are creating new possibilities but also new risks for humanity, some of which are not yet fully known. We recognize the need to identify and mitigate risks and to ensure human oversight of technology in ways that advance sustainable development and the full enjoyment of human rights. We further underscore the importance of applying a human-centric approach throughout the life cycle of digital technologies, including in their design, development, deployment and use.",
            _resolution.Operative(13).Text);
    }

    /// <summary>A page may also break between two sentences: the page after opens with a capital but carries on the paragraph.</summary>
    [Fact]
    public void Parse_PdfText_ParagraphCutBetweenSentencesByAPageBreakIsWhole()
    {
        Assert.EndsWith(
            "approaches to digital development. We call upon action line facilitators to ensure close alignment with the 2030 Agenda for Sustainable Development when considering new work to implement the outcomes of the World Summit, according to their existing mandates and resources.",
            _resolution.Operative(111).Text,
            StringComparison.Ordinal);
        Assert.Contains(
            "on the basis of the progress report of the Secretary-General. The review will draw on inputs from all relevant stakeholders,",
            _resolution.Operative(125).Text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PdfText_JoinsCompoundsWrappedAtAHyphenWithoutASpace()
    {
        Assert.Contains("the “WSIS+20 Forum High-level Event” held in July 2025", _resolution.Paragraphs[7].Text, StringComparison.Ordinal);
        Assert.Contains("including micro-, small and medium-sized enterprises, to provide", _resolution.Operative(33).Text, StringComparison.Ordinal);
        Assert.Contains("education, knowledge-sharing and regulatory practice", _resolution.Operative(58).Text, StringComparison.Ordinal);
        Assert.Contains("their national e-strategies through", _resolution.Operative(66).Text, StringComparison.Ordinal);
        Assert.Contains("communications technologies 2021–2025 established", _resolution.Operative(56).Text, StringComparison.Ordinal);
        Assert.DoesNotContain(_resolution.Paragraphs, p => Regex.IsMatch(p.Text, @"\p{L}[-‐‑–] \p{Ll}"));
    }

    [Fact]
    public void Parse_PdfText_FindsSeventeenUnnumberedSectionsWithTheWrappedOneJoined()
    {
        Assert.Equal(
            [
                "Introduction",
                "Information and communications technologies for development",
                "Closing all digital divides",
                "The digital economy",
                "Social and economic development",
                "Environmental impacts",
                "The enabling environment for digital development",
                "Building confidence and security in the use of information and communications technologies",
                "Capacity development",
                "Financial mechanisms",
                "Human rights and ethical dimensions of the information society",
                "Data governance",
                "Artificial intelligence",
                "Internet governance",
                "Development of the World Summit on the Information Society framework",
                "Monitoring and measurement",
                "Follow-up and review",
            ],
            _resolution.Sections.Select(s => s.Title));
        Assert.Equal(Enumerable.Range(1, 17), _resolution.Sections.Select(s => s.Order));
        Assert.All(_resolution.Sections, s => Assert.Null(s.Number));
    }

    [Fact]
    public void Parse_PdfText_ParagraphsStandUnderTheirSections()
    {
        Assert.All(_resolution.Preambular(), p => Assert.Null(p.SectionOrder));
        Assert.Equal(1, _resolution.Operative(1).SectionOrder);
        Assert.Equal(1, _resolution.Operative(14).SectionOrder);
        Assert.Equal(2, _resolution.Operative(15).SectionOrder);
        Assert.Equal(8, _resolution.Operative(54).SectionOrder);
        Assert.Equal(17, _resolution.Operative(127).SectionOrder);
    }

    [Fact]
    public void Parse_PdfText_FindsTwelveFootnotesFromThePageFeet()
    {
        Assert.Equal(
            [
                (1, "Resolution 79/323, annex."),
                (2, "Resolution 217 A (III)."),
                (3, "See A/C.2/59/3, annex."),
                (4, "Ibid."),
                (5, "See A/60/687."),
                (6, "Resolution 70/1."),
                (7, "United Nations, Treaty Series, vol. 2515, No. 44910."),
                (8, "Resolution 79/1, annex I."),
                (9, "A/CONF.157/24 (Part I), chap. III."),
                (10, "A/HRC/17/31, annex."),
                (11, "See resolution 2200 A (XXI), annex."),
                (12, "United Nations, Treaty Series, vol. 1577, No. 27531."),
            ],
            _resolution.Footnotes.Select(f => (f.Number, f.Text)));
    }

    [Fact]
    public void Parse_PdfText_FindsEveryFootnoteReferenceInReadingOrder()
    {
        Assert.Equal(
            ["p6:1", "1:2", "2:3", "2:4", "2:5", "18:6", "23:7", "25:8", "69:9", "71:10", "74:11", "80:12"],
            ResolutionTexts.ReferencePairs(_resolution));
    }

    [Fact]
    public void Parse_PdfText_MarkersGluedOrAfterASpaceAreRemovedWhereTheyStood()
    {
        var (before, after) = ResolutionTexts.AroundReference(_resolution.Paragraphs[5], 1);
        Assert.EndsWith("its outcome, the Sevilla Commitment,", before, StringComparison.Ordinal);
        Assert.StartsWith(" which renews the global framework", after, StringComparison.Ordinal);

        (before, after) = ResolutionTexts.AroundReference(_resolution.Operative(23), 7);
        Assert.EndsWith("the Convention on the Rights of Persons with Disabilities", before, StringComparison.Ordinal);
        Assert.StartsWith(" affirms the need to ensure", after, StringComparison.Ordinal);

        (before, after) = ResolutionTexts.AroundReference(_resolution.Operative(69), 9);
        Assert.EndsWith("World Conference on Human Rights,", before, StringComparison.Ordinal);
        Assert.StartsWith(" and to the framework of rights", after, StringComparison.Ordinal);

        (before, after) = ResolutionTexts.AroundReference(_resolution.Operative(71), 10);
        Assert.EndsWith("“Protect, Respect and Remedy” Framework.", before, StringComparison.Ordinal);
        Assert.Equal(string.Empty, after);

        (before, after) = ResolutionTexts.AroundReference(_resolution.Operative(80), 12);
        Assert.EndsWith("including the Convention on the Rights of the Child.", before, StringComparison.Ordinal);
        Assert.StartsWith(" We welcome the comprehensive approach", after, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PdfText_NumbersThatAreNotFootnotesStayInTheText()
    {
        Assert.Contains("The proportion of people aged 10 and above who own a mobile phone", _resolution.Operative(20).Text, StringComparison.Ordinal);
        Assert.Contains("as reflected in paragraph 72 of the Tunis Agenda", _resolution.Operative(96).Text, StringComparison.Ordinal);
        Assert.Contains("more than 170 national, regional and youth", _resolution.Operative(97).Text, StringComparison.Ordinal);
        Assert.Contains("on 22–23 September 2024", _resolution.Paragraphs[3].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PdfText_NamesNoActionLineCodes()
    {
        Assert.All(_resolution.Paragraphs, p => Assert.Empty(p.MentionedActionLines));
    }
}
