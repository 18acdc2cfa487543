using WsisTracker.Core.Commitments;
using WsisTracker.Core.Resolutions;

namespace WsisTracker.UnitTests.Resolutions;

/// <summary>
/// The written form of a paragraph reference (CSV and the commitment form): <c>slug:number</c>, <c>slug:annex:number</c>
/// and a sub-paragraph's labels in brackets after the number (decision 106).
/// </summary>
public class ParagraphKeyTests
{
    [Fact]
    public void ParseKey_SlugAndNumber_IsAParagraphOfTheResolutionItself()
    {
        Assert.Equal(new ParagraphKey("a-res-70-125", 12), ParagraphSearch.ParseKey("a-res-70-125:12"));
        Assert.Null(ParagraphSearch.ParseKey("a-res-70-125:12")!.Part);
    }

    [Theory]
    [InlineData("a-res-80-3:annex:13", "annex", 13)]
    [InlineData("a-res-80-3:annex-ii:4", "annex-ii", 4)]
    public void ParseKey_SlugAnnexAndNumber_IsAParagraphOfThatAnnex(string written, string part, int number)
    {
        var key = ParagraphSearch.ParseKey(written);

        Assert.Equal(new ParagraphKey("a-res-80-3", number) { Part = part }, key);
        Assert.Equal(written, ParagraphSearch.FormatKey(key!.Resolution, key.Part, key.Number));
    }

    [Theory]
    [InlineData("a-res-80-3:annex:13(b)", "annex", 13, "b", "a-res-80-3:annex:13(b)")]
    [InlineData("a-res-80-3:annex:13(b)(ii)", "annex", 13, "b-ii", "a-res-80-3:annex:13(b)(ii)")]
    [InlineData("a-res-80-3:annex:13 (b) (ii)", "annex", 13, "b-ii", "a-res-80-3:annex:13(b)(ii)")]
    [InlineData("a-res-80-3:2(a)", null, 2, "a", "a-res-80-3:2(a)")]
    public void ParseKey_NumberFollowedByLabels_CitesThatSubParagraph(string written, string? part, int number, string subParagraph, string formatted)
    {
        var key = ParagraphSearch.ParseKey(written);

        Assert.Equal(new ParagraphKey("a-res-80-3", number) { Part = part, SubParagraph = subParagraph }, key);
        Assert.Equal(formatted, ParagraphSearch.FormatKey(key!.Resolution, key.Part, key.Number, key.SubParagraph));
        Assert.Equal($"{(part is null ? "" : "annex, ")}para {number} {string.Join(' ', subParagraph.Split('-').Select(l => $"({l})"))}", ParagraphAnchor.Label(part, ParagraphKind.Operative, number, 0, subParagraph));
    }

    [Theory]
    [InlineData("a-res-80-3:annex:13(B)")]
    [InlineData("a-res-80-3:annex:13(b)(ii)(1)")]
    [InlineData("a-res-80-3:annex:13()")]
    [InlineData("a-res-80-3:annex:13b")]
    [InlineData("a-res-80-3:annex:(b)")]
    [InlineData("a-res-80-3:preamble:2")]
    [InlineData("a-res-80-3:Annex:2")]
    [InlineData("a-res-80-3:annex:")]
    [InlineData(":annex:2")]
    public void ParseKey_AnythingElse_IsRefused(string written) => Assert.Null(ParagraphSearch.ParseKey(written));
}
