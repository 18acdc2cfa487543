using WsisTracker.Core.Commitments;
using WsisTracker.Core.Resolutions;

namespace WsisTracker.UnitTests.Resolutions;

/// <summary>The written form of a paragraph reference (CSV and the commitment form): <c>slug:number</c> and <c>slug:annex:number</c>.</summary>
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
    [InlineData("a-res-80-3:preamble:2")]
    [InlineData("a-res-80-3:Annex:2")]
    [InlineData("a-res-80-3:annex:")]
    [InlineData(":annex:2")]
    public void ParseKey_AnythingElse_IsRefused(string written) => Assert.Null(ParagraphSearch.ParseKey(written));
}
