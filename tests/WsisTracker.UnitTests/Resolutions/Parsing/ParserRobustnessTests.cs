using System.Text;
using WsisTracker.Core.Resolutions.Parsing;

namespace WsisTracker.UnitTests.Resolutions.Parsing;

/// <summary>
/// A little fuzzing with a fixed seed: random bytes, truncations and edits of the real texts never make the parser
/// throw, and whatever it returns is consistent (problems name real lines; references point at real footnotes).
/// </summary>
public class ParserRobustnessTests
{
    private const int Seed = 20251217;

    private static readonly string[] Fragments =
    [
        "\t", " ", "\n", "\n\n", "\r\n", "1", "7", "12. ", "\t3.\t", "(a) ", "I. ", "3/20", "A/RES/80/173", "25-20874",
        "_______________", "79th plenary meeting", "16 December 2015", "Annex", "The General Assembly,", ",", ".", "-", "–",
        "Society", "2014", "<<ODS", "\u00A0",
    ];

    public static TheoryData<string> BothForms => [ResolutionTexts.OdsFile, ResolutionTexts.PdfFile];

    [Fact]
    public void Parse_RandomBytes_NeverThrows()
    {
        var random = new Random(Seed);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 3000)];
            random.NextBytes(bytes);
            AssertConsistent(Encoding.UTF8.GetString(bytes));
            AssertConsistent(Encoding.Latin1.GetString(bytes));
        }
    }

    [Theory]
    [MemberData(nameof(BothForms))]
    public void Parse_TruncatedText_NeverThrows(string file)
    {
        var text = Read(file);
        var random = new Random(Seed);
        for (var i = 0; i < 60; i++)
        {
            var cut = random.Next(0, text.Length);
            AssertConsistent(text[..cut]);
            AssertConsistent(text[cut..]);
        }
    }

    [Theory]
    [MemberData(nameof(BothForms))]
    public void Parse_TextWithLinesDeletedDuplicatedOrSwapped_NeverThrows(string file)
    {
        var original = ResolutionTexts.Lines(Read(file));
        var random = new Random(Seed);
        for (var i = 0; i < 60; i++)
        {
            var lines = original.ToList();
            for (var edit = 0; edit < random.Next(1, 20); edit++)
            {
                var at = random.Next(lines.Count);
                switch (random.Next(3))
                {
                    case 0:
                        lines.RemoveAt(at);
                        break;
                    case 1:
                        lines.Insert(at, lines[random.Next(lines.Count)]);
                        break;
                    default:
                        var other = random.Next(lines.Count);
                        (lines[at], lines[other]) = (lines[other], lines[at]);
                        break;
                }
            }

            AssertConsistent(ResolutionTexts.JoinLines(lines));
        }
    }

    [Theory]
    [MemberData(nameof(BothForms))]
    public void Parse_TextWithRandomInsertions_NeverThrows(string file)
    {
        var original = Read(file);
        var random = new Random(Seed);
        for (var i = 0; i < 60; i++)
        {
            var text = new StringBuilder(original);
            for (var edit = 0; edit < random.Next(1, 40); edit++)
            {
                text.Insert(random.Next(text.Length + 1), Fragments[random.Next(Fragments.Length)]);
            }

            AssertConsistent(text.ToString());
        }
    }

    private static string Read(string file) => file == ResolutionTexts.OdsFile ? ResolutionTexts.Ods : ResolutionTexts.Pdf;

    private static void AssertConsistent(string input)
    {
        var result = ResolutionParser.Parse(input);

        var lineCount = Math.Max(ResolutionTexts.Lines(input).Length, 1);
        Assert.All(result.Problems, p => Assert.InRange(p.Line, 1, lineCount));
        if (result.Resolution is not { } resolution)
        {
            Assert.NotEmpty(result.Problems);
            return;
        }

        var footnotes = resolution.Footnotes.Select(f => f.Number).ToHashSet();
        Assert.Equal(resolution.Footnotes.Count, footnotes.Count);
        Assert.Equal(Enumerable.Range(1, resolution.Sections.Count), resolution.Sections.Select(s => s.Order));
        Assert.Equal(Enumerable.Range(1, resolution.Paragraphs.Count), resolution.Paragraphs.Select(p => p.Order));
        foreach (var paragraph in resolution.Paragraphs)
        {
            Assert.True(paragraph.SectionOrder is null || paragraph.SectionOrder <= resolution.Sections.Count);
            Assert.All(paragraph.FootnoteReferences, r =>
            {
                Assert.Contains(r.FootnoteNumber, footnotes);
                Assert.InRange(r.Offset, 0, paragraph.Text.Length);
            });
        }
    }
}
