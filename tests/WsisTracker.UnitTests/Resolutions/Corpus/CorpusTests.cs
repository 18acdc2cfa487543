using System.Text.Json;
using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Resolutions.Parsing;

namespace WsisTracker.UnitTests.Resolutions.Corpus;

/// <summary>
/// Real General Assembly resolutions as text extracted from their official PDFs (see PROVENANCE.md), each read
/// against what expectations.json states about it. The statements were written by reading the documents, not by
/// copying the parser's output.
/// </summary>
public class CorpusTests
{
    public static TheoryData<string> Files => [.. CorpusFiles.Expectations.Keys];

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_CorpusResolution_ReportsNoProblem(string file)
    {
        var result = ResolutionParser.Parse(CorpusFiles.Text(file));

        Assert.Empty(result.Problems);
        Assert.True(result.Succeeded);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_CorpusResolution_ReadsTheStatedCounts(string file)
    {
        var expected = CorpusFiles.Expectations[file];
        var resolution = ResolutionParser.Parse(CorpusFiles.Text(file)).Resolution!;
        var own = resolution.Paragraphs.Where(p => p.Part is null).ToList();

        Assert.Equal(expected.Symbol, resolution.Symbol);
        Assert.Equal(expected.Preambular, own.Count(p => p.Kind == ParagraphKind.Preambular));
        Assert.Equal(expected.Operative, own.Count(p => p.Kind == ParagraphKind.Operative));
        Assert.Equal(expected.AnnexParagraphs, resolution.Paragraphs.Count(p => p.Part is not null));
        Assert.Equal(expected.SubParagraphs, resolution.Paragraphs.Sum(p => p.SubParagraphs.Count + p.SubParagraphs.Sum(s => s.SubParagraphs.Count)));
        Assert.Equal(expected.Footnotes, resolution.Footnotes.Count);
        Assert.Equal(expected.Annexes.Select(a => (a.Key, a.Title)), resolution.Annexes.Select(a => (a.Key, a.Title)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_CorpusResolution_ReadsTheStatedTexts(string file)
    {
        var resolution = ResolutionParser.Parse(CorpusFiles.Text(file)).Resolution!;

        foreach (var text in CorpusFiles.Expectations[file].Texts)
        {
            Assert.Equal(text.Text, CorpusFiles.Find(resolution, text));
        }
    }
}

internal static class CorpusFiles
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Resolutions", "Corpus");

    public static IReadOnlyDictionary<string, CorpusExpectation> Expectations { get; } =
        JsonSerializer.Deserialize<Dictionary<string, CorpusExpectation>>(
            File.ReadAllText(Path.Combine(Folder, "expectations.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    public static string Text(string file) => File.ReadAllText(Path.Combine(Folder, file));

    /// <summary>The text a statement names: a numbered paragraph of a part, one of its sub-paragraphs, or the n-th preambular paragraph.</summary>
    public static string? Find(ParsedResolution resolution, CorpusText text)
    {
        var inPart = resolution.Paragraphs.Where(p => p.Part == text.Part).ToList();
        if (text.Preamble is { } n)
        {
            return inPart.Where(p => p.Kind == ParagraphKind.Preambular).ElementAtOrDefault(n - 1)?.Text;
        }

        var paragraph = inPart.SingleOrDefault(p => p.Number == text.Number);
        if (text.Sub is null)
        {
            return paragraph?.Text;
        }

        var labels = text.Sub.Split('.');
        var subs = paragraph?.SubParagraphs ?? [];
        ParsedSubParagraph? found = null;
        foreach (var label in labels)
        {
            found = subs.SingleOrDefault(s => s.Label == label);
            subs = found?.SubParagraphs ?? [];
        }

        return found?.Text;
    }
}

internal sealed record CorpusExpectation(
    string Symbol,
    int Preambular,
    int Operative,
    IReadOnlyList<CorpusAnnex> Annexes,
    int AnnexParagraphs,
    int SubParagraphs,
    int Footnotes,
    IReadOnlyList<CorpusText> Texts);

internal sealed record CorpusAnnex(string Key, string Title);

internal sealed record CorpusText(string? Part, int? Number, string? Sub, int? Preamble, string Text);
