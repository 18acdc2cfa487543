using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.UnitTests.Common;

public sealed class PlainTextTests
{
    /// <summary>By name: the runner's serialisation of theory data would turn a lone surrogate into U+FFFD.</summary>
    private static readonly Dictionary<string, string> ForbiddenTexts = new()
    {
        ["NUL"] = "a\u0000b",
        ["U+0001"] = "a\u0001b",
        ["vertical tab"] = "a\u000Bb",
        ["form feed"] = "a\u000Cb",
        ["escape"] = "a\u001Bb",
        ["DEL"] = "a\u007Fb",
        ["C1 NEL"] = "a\u0085b",
        ["C1 U+009F"] = "a\u009Fb",
        ["U+FFFE"] = "a\uFFFEb",
        ["U+FFFF"] = "a\uFFFFb",
        ["U+FDD0"] = "a\uFDD0b",
        ["U+FDEF"] = "a\uFDEFb",
        ["U+1FFFF"] = "a\U0001FFFFb",
        ["U+10FFFE"] = "a\U0010FFFEb",
        ["lone high surrogate"] = "a\uD800b",
        ["lone low surrogate"] = "a\uDC00b",
        ["high surrogate at the end"] = "a\uD83D",
        ["reversed pair"] = "a\uDE00\uD83Db",
    };

    public static TheoryData<string> Forbidden => [.. ForbiddenTexts.Keys];

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void IsValid_ForbiddenCharacter_IsFalse(string name)
    {
        var text = ForbiddenTexts[name];
        Assert.False(PlainText.IsValid(text), name);
        Assert.True(PlainText.IsValid(PlainText.Clean(text)), name);
    }

    [Theory]
    [InlineData("tab\tline\nreturn\r\n")]
    [InlineData("été ☃ \U0001F600 👍🏽 🇺🇳")]
    [InlineData("\uFFFD replacement, \uE000 private use, \uFEFF BOM")]
    [InlineData("")]
    public void IsValid_Text_IsTrue(string text) => Assert.True(PlainText.IsValid(text));

    [Fact]
    public void Clean_ReplacesEachForbiddenCharacterOnce_AndKeepsPairs() =>
        Assert.Equal("a b \U0001F600 c d", PlainText.Clean("a\uFFFFb \U0001F600 c\U0001FFFFd"));

    [Theory]
    [InlineData(5, "abcd\U0001F600x", "abcd")]
    [InlineData(6, "abcd\U0001F600x", "abcd\U0001F600")]
    [InlineData(4, "abc👍🏽", "abc")]
    [InlineData(3, "ae\u0301i", "ae\u0301")]
    [InlineData(2, "ae\u0301i", "a")]
    [InlineData(10, "short", "short")]
    public void Cut_StopsOnATextElementBoundary(int max, string text, string expected)
    {
        var cut = PlainText.Cut(text, max);

        Assert.Equal(expected, cut);
        Assert.True(PlainText.IsValid(cut));
    }

    [Fact]
    public void RecordProgress_NoteWithUFFFF_IsRejected()
    {
        var commitment = new Commitment { Code = "c", Title = "t", Description = "d" };

        var result = commitment.RecordProgress(new RecordProgressInput(CommitmentStatus.OnTrack, 10, "half\uFFFFway", null, new DateOnly(2026, 1, 1)), "a", new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero));

        Assert.False(result.Succeeded);
        Assert.Contains("note", result.Error.FieldErrors!.Keys);
        Assert.Empty(commitment.ProgressUpdates);
    }

    [Fact]
    public void Withdraw_ReasonWithAControlCharacter_IsRejected()
    {
        var commitment = new Commitment { Code = "c", Title = "t", Description = "d" };

        var result = commitment.Withdraw("gone\u0007", DateTimeOffset.UnixEpoch);

        Assert.False(result.Succeeded);
        Assert.Null(commitment.WithdrawnAt);
    }

    [Fact]
    public void CommitmentDefinition_TextsAndKeysWithForbiddenCharacters_AreFieldErrors()
    {
        var errors = new FieldErrors();
        var input = new CommitmentInput("x\u0001y", "d\uD800", [new ParagraphKey("a-res\uFFFF", 1)], ["C1\u0000"], ["itu"], [], null, "by\u001B", null, [new MilestoneInput("m\uFFFE", null, null)]);

        CommitmentDefinition.Validate(input, new DateOnly(2026, 1, 1), errors);

        var fields = errors.ToError().FieldErrors!.Keys;
        Assert.Equal(["actionLines", "description", "milestones[0].title", "paragraphs", "targetDateText", "title"], fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Stakeholder_NameWithUFFFF_IsAFieldError()
    {
        var error = StakeholderWrites.Validate(new StakeholderInput("a\uFFFFb", "A\u0001", StakeholderGroup.CivilSociety, null, null));

        Assert.Equal(["acronym", "name"], error!.FieldErrors!.Keys.Order(StringComparer.Ordinal));
    }
}
