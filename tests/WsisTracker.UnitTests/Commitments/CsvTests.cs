using WsisTracker.Core.Common;

namespace WsisTracker.UnitTests.Commitments;

public sealed class CsvTests
{
    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("  =1+1", "\"'  =1+1\"")]
    [InlineData("\u00A0@SUM(A1)", "\"'\u00A0@SUM(A1)\"")]
    [InlineData("\t+1", "\"'\t+1\"")]
    [InlineData("\n-1", "\"'\n-1\"")]
    public void Field_WithAFormulaBehindLeadingWhiteSpace_IsNeutralisedAndQuoted(string cell, string written) =>
        Assert.Equal(written, Csv.Field(cell));

    [Theory]
    [InlineData("a;=2+2", "\"a;=2+2\"")]
    [InlineData("C1;C11", "\"C1;C11\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void Field_WithASeparatorOrQuote_IsQuoted(string cell, string written) =>
        Assert.Equal(written, Csv.Field(cell));

    [Theory]
    [InlineData("'=1+1", "=1+1")]
    [InlineData("'  =1+1", "  =1+1")]
    [InlineData("'quoted text", "'quoted text")]
    public void Restore_TakesOffOnlyTheApostropheAFormulaGot(string read, string restored) =>
        Assert.Equal(restored, Csv.Restore(read));

    [Fact]
    public void DecodeUtf8_RefusesLatin1_AndDropsAUtf8ByteOrderMark()
    {
        Assert.Null(Csv.DecodeUtf8(System.Text.Encoding.Latin1.GetBytes("Caf\u00e9")));
        Assert.Equal("Caf\u00e9", Csv.DecodeUtf8([0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("Caf\u00e9")]));
    }
}
