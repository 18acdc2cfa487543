using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Resolutions.Parsing;

namespace WsisTracker.UnitTests.Resolutions.Parsing;

/// <summary>
/// A small, ordinary resolution in both forms: "The General Assembly," with a preamble, roman-numbered sections,
/// an operative paragraph with lettered sub-paragraphs, and an annex whose paragraphs are numbered afresh.
/// </summary>
public class SyntheticResolutionTests
{
    private static readonly string OdsText = ResolutionTexts.JoinLines(
    [
        "[DU1]",
        "Resolution adopted by the General Assembly on 9 December 2024",
        "[without reference to a Main Committee (A/79/L.20)]",
        "79/50.\tCooperation on digital public goods",
        string.Empty,
        "\tThe General Assembly,",
        "\tRecalling its resolution 70/125 of 16 December 2015,1",
        "\tNoting the report of the Secretary-General on digital public goods,2",
        "I.\tGeneral",
        "\t1.\tDecides:",
        "\t(a)\tTo convene a high-level meeting in 2026;",
        "\t(b)\tTo invite all stakeholders to the meeting;",
        "\t2.\tRequests the Secretary-General to report on the implementation of action line C7 and action line C10.",
        "II.\tFollow-up",
        "\t3.\tDecides to remain seized of the matter.",
        string.Empty,
        "45th plenary meeting",
        "9 December 2024",
        string.Empty,
        "Annex",
        "Guidelines on digital public goods",
        "\t1.\tDigital public goods should be open.",
        "\t2.\tThey should respect privacy.",
        string.Empty,
        "1 See A/70/PV.79.",
        "2 A/79/100.",
        "[DU1]<<ODS JOB NO>>N2412345E<<ODS JOB NO>>",
        "<<ODS DOC SYMBOL1>>A/RES/79/50<<ODS DOC SYMBOL1>>",
        "United NationsA/RES/79/50General AssemblyDistr.: General",
        "12 December 2024Seventy-ninth session",
        "3",
    ]);

    private static readonly string PdfText = ResolutionTexts.JoinLines(
    [
        "United Nations ",
        "A/RES/79/50 ",
        " ",
        "General Assembly ",
        "Distr.: General ",
        "12 December 2024 ",
        "24-12345 (E) ",
        " ",
        "Seventy-ninth session ",
        "Agenda item 20 ",
        " ",
        " Resolution adopted by the General Assembly ",
        "on 9 December 2024 ",
        " ",
        " 79/50. Cooperation on digital public goods ",
        " ",
        "The General Assembly, ",
        " ",
        "Recalling its resolution 70/125 of 16 December 2015,1 ",
        " ",
        "Noting the report of the Secretary-General on digital ",
        "public goods,2 ",
        " ",
        "I. General ",
        " ",
        "1. ",
        "Decides: ",
        " ",
        "(a) To convene a high-",
        "level meeting in 2026; ",
        " ",
        "(b) To invite all stakeholders to the meeting; ",
        "_______________ ",
        " ",
        "1 See A/70/PV.79. ",
        " ",
        "2 A/79/100. ",
        string.Empty,
        "A/RES/79/50 ",
        "Cooperation on digital public goods ",
        " ",
        "24-12345",
        "2/3 ",
        " ",
        "2. Requests the Secretary-General to report on the implementation of action ",
        "line C7 and action line C10. ",
        " ",
        "II. Follow-up ",
        " ",
        "3. Decides to remain seized of the matter. ",
        " ",
        "45th plenary meeting ",
        "9 December 2024 ",
        string.Empty,
        "Cooperation on digital public goods ",
        "A/RES/79/50",
        " ",
        "3/3",
        "24-12345 ",
        " ",
        "Annex ",
        " ",
        "Guidelines on digital public goods ",
        " ",
        "1. Digital public goods should be open. ",
        " ",
        "2. They should respect privacy. ",
    ]);

    public static TheoryData<string, ResolutionTextForm> BothForms => new()
    {
        { OdsText, ResolutionTextForm.OdsExport },
        { PdfText, ResolutionTextForm.PdfText },
    };

    [Theory]
    [MemberData(nameof(BothForms))]
    public void Parse_SmallResolution_ReadsTheHeader(string text, ResolutionTextForm form)
    {
        var resolution = ResolutionTexts.ParseSucceeded(text);

        Assert.Equal(form, resolution.Form);
        Assert.Equal("A/RES/79/50", resolution.Symbol);
        Assert.Equal("Cooperation on digital public goods", resolution.Title);
        Assert.Equal(new DateOnly(2024, 12, 9), resolution.AdoptionDate);
        Assert.Equal("Seventy-ninth session", resolution.Session);
        Assert.Equal("45th plenary meeting", resolution.Meeting);
        Assert.Null(resolution.AdoptingClause);
    }

    [Theory]
    [MemberData(nameof(BothForms))]
    public void Parse_SmallResolution_FindsRomanSectionsAndTheAnnex(string text, ResolutionTextForm form)
    {
        var resolution = ResolutionTexts.ParseSucceeded(text);

        Assert.Equal(form, resolution.Form);
        Assert.Equal(
            [(1, "I.", "General"), (2, "II.", "Follow-up"), (3, null, "Annex"), (4, null, "Guidelines on digital public goods")],
            resolution.Sections.Select(s => (s.Order, s.Number, s.Title)));
    }

    [Theory]
    [MemberData(nameof(BothForms))]
    public void Parse_SmallResolution_JoinsLetteredSubParagraphsToTheirParagraph(string text, ResolutionTextForm form)
    {
        var resolution = ResolutionTexts.ParseSucceeded(text);

        Assert.Equal(form, resolution.Form);
        Assert.Equal(
            [
                (ParagraphKind.Preambular, (int?)null, (int?)null, "Recalling its resolution 70/125 of 16 December 2015,"),
                (ParagraphKind.Preambular, null, null, "Noting the report of the Secretary-General on digital public goods,"),
                (ParagraphKind.Operative, 1, 1, "Decides: (a) To convene a high-level meeting in 2026; (b) To invite all stakeholders to the meeting;"),
                (ParagraphKind.Operative, 2, 1, "Requests the Secretary-General to report on the implementation of action line C7 and action line C10."),
                (ParagraphKind.Operative, 3, 2, "Decides to remain seized of the matter."),
                (ParagraphKind.Operative, 1, 4, "Digital public goods should be open."),
                (ParagraphKind.Operative, 2, 4, "They should respect privacy."),
            ],
            resolution.Paragraphs.Select(p => (p.Kind, p.Number, p.SectionOrder, p.Text)));
        Assert.Equal(Enumerable.Range(1, 7), resolution.Paragraphs.Select(p => p.Order));
    }

    [Theory]
    [MemberData(nameof(BothForms))]
    public void Parse_SmallResolution_ResolvesFootnotesAndActionLines(string text, ResolutionTextForm form)
    {
        var resolution = ResolutionTexts.ParseSucceeded(text);

        Assert.Equal(form, resolution.Form);
        Assert.Equal([(1, "See A/70/PV.79."), (2, "A/79/100.")], resolution.Footnotes.Select(f => (f.Number, f.Text)));
        Assert.Equal(["p1:1", "p2:2"], ResolutionTexts.ReferencePairs(resolution));
        Assert.Equal(new ParsedFootnoteReference(1, resolution.Paragraphs[0].Text.Length), resolution.Paragraphs[0].FootnoteReferences.Single());
        Assert.Equal(["C7", "C10"], resolution.Paragraphs[3].MentionedActionLines);
    }
}
