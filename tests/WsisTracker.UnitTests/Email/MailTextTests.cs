using System.Text.RegularExpressions;
using System.Xml.Linq;
using WsisTracker.Core.Common;
using WsisTracker.Core.Email;

namespace WsisTracker.UnitTests.Email;

/// <summary>
/// The e-mails' text in the six languages (decision 130): every text the code writes through <see cref="MailText"/>
/// is in every translation, the translations have the same keys and every plural form of their language, and the
/// counts, dates and links come out in the recipient's language.
/// </summary>
public sealed partial class MailTextTests
{
    private static readonly string[] Translated = ["fr", "es", "ru", "ar", "zh"];

    [Fact]
    public void EveryTextTheCodeMails_IsInEveryTranslation_WithTheSamePlaces()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(CoreProject(), "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match m in TextUse().Matches(File.ReadAllText(file)))
            {
                used.UnionWith(m.Groups.Cast<Group>().Skip(1).Where(g => g.Success).Select(g => Regex.Unescape(g.Value)));
            }
        }

        Assert.True(used.Count >= 20, $"found only {used.Count} texts: the pattern no longer matches the code");
        Assert.Contains("You are a focal point of {0}, which lead or partner on commitments the cycle covers.", used);
        foreach (var culture in Translated)
        {
            var texts = Texts(culture);
            Assert.Empty(used.Where(k => !texts.ContainsKey(k)).Select(k => $"{culture}: {k}"));
            foreach (var (key, value) in texts.Where(t => !t.Key.Contains(PluralRules.Separator, StringComparison.Ordinal)))
            {
                Assert.True(Places(key).SetEquals(Places(value)), $"{culture}: \"{value}\" does not fill the places of \"{key}\"");
            }
        }
    }

    [Fact]
    public void EveryTranslation_HasTheSameKeys_AndEveryPluralFormOfItsLanguage()
    {
        var plain = Texts("fr").Keys.Where(k => !k.Contains(PluralRules.Separator, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        foreach (var culture in Translated)
        {
            var keys = Texts(culture).Keys.ToHashSet(StringComparer.Ordinal);
            Assert.Equal(plain, keys.Where(k => !k.Contains(PluralRules.Separator, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            foreach (var noun in new[] { "commitment", "day" })
            {
                foreach (var category in PluralRules.CategoriesOf(culture))
                {
                    Assert.Contains(PluralRules.Key(noun, category), keys);
                }
            }
        }
    }

    [Theory]
    [InlineData("en", 1, "1 commitment")]
    [InlineData("en", 5, "5 commitments")]
    [InlineData("fr", 0, "0 engagement")]
    [InlineData("fr", 2, "2 engagements")]
    [InlineData("ru", 1, "1 обязательство")]
    [InlineData("ru", 3, "3 обязательства")]
    [InlineData("ru", 11, "11 обязательств")]
    [InlineData("ru", 21, "21 обязательство")]
    [InlineData("ar", 2, "التزامان")]
    [InlineData("ar", 3, "3 التزامات")]
    [InlineData("ar", 11, "11 التزاما")]
    [InlineData("zh", 7, "7 项承诺")]
    [InlineData("de", 2, "2 commitments")]
    public void Count_TakesTheFormTheNumberAsks(string culture, int count, string expected) =>
        Assert.Equal(expected, MailText.Count(culture, count, "commitment"));

    [Fact]
    public void Texts_Dates_AndLinks_FollowTheCulture_AndAnUnknownOneReadsInEnglish()
    {
        var due = new DateOnly(2027, 3, 1);
        Assert.Equal("Reports overdue: X", MailText.Format("en", "Reports overdue: {0}", "X"));
        Assert.Equal("Rapports en retard : X", MailText.Format("fr", "Reports overdue: {0}", "X"));
        Assert.Equal("Reports overdue: X", MailText.Format("xx-invented", "Reports overdue: {0}", "X"));
        Assert.Equal("A text nobody translated", MailText.Get("ru", "A text nobody translated"));
        Assert.Equal("1 March 2027", MailText.Date("en", due));
        Assert.Equal("1 mars 2027", MailText.Date("fr", due));
        Assert.Equal("1 de marzo de 2027", MailText.Date("es", due));
        Assert.Equal("1 марта 2027 г.", MailText.Date("ru", due));
        Assert.Equal("2027年3月1日", MailText.Date("zh", due));
        Assert.Equal("/contribute", MailText.PathIn("en", "/contribute"));
        Assert.Equal("/ar/account", MailText.PathIn("ar", "/account"));
        Assert.Equal("/account", MailText.PathIn("de", "/account"));
    }

    private static HashSet<string> Places(string text) => [.. Place().Matches(text).Select(m => m.Value)];

    private static Dictionary<string, string> Texts(string culture) =>
        XDocument.Load(Path.Combine(CoreProject(), "Email", "Resources", $"MailText.{culture}.resx"))
            .Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value, StringComparer.Ordinal);

    private static string CoreProject()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WsisTracker.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("WsisTracker.sln not found above the test output."), "src", "WsisTracker.Core");
    }

    // MailText.Get(culture, "…") and MailText.Format(culture, "…", ...), also with a choice of two texts (cond ? "…" : "…").
    [GeneratedRegex(@"MailText\.(?:Get|Format)\(culture,\s*(?:[^""()]*?\?\s*)?""((?:[^""\\]|\\.)*)""(?:\s*:\s*""((?:[^""\\]|\\.)*)"")?")]
    private static partial Regex TextUse();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Place();
}
