using WsisTracker.Core.Common;

namespace WsisTracker.UnitTests.Common;

public class PluralRulesTests
{
    [Theory]
    [InlineData(1, "one"), InlineData(21, "one"), InlineData(101, "one"), InlineData(11, "many"), InlineData(111, "many")]
    [InlineData(2, "few"), InlineData(4, "few"), InlineData(22, "few"), InlineData(12, "many"), InlineData(14, "many")]
    [InlineData(0, "many"), InlineData(5, "many"), InlineData(20, "many"), InlineData(25, "many")]
    public void Russian_FollowsOneFewMany(int count, string category) => Assert.Equal(category, PluralRules.Category("ru", count));

    [Theory]
    [InlineData(0, "zero"), InlineData(1, "one"), InlineData(2, "two"), InlineData(3, "few"), InlineData(10, "few")]
    [InlineData(103, "few"), InlineData(11, "many"), InlineData(99, "many"), InlineData(111, "many"), InlineData(100, "other")]
    [InlineData(101, "other"), InlineData(102, "other"), InlineData(200, "other")]
    public void Arabic_HasSixCategories(int count, string category) => Assert.Equal(category, PluralRules.Category("ar", count));

    [Theory]
    [InlineData(0, "one"), InlineData(1, "one"), InlineData(2, "other"), InlineData(1000000, "many")]
    public void French_CountsZeroAsOne(int count, string category) => Assert.Equal(category, PluralRules.Category("fr", count));

    [Theory]
    [InlineData("en", 0, "other"), InlineData("en", 1, "one"), InlineData("en", 2, "other")]
    [InlineData("es", 0, "other"), InlineData("es", 1, "one"), InlineData("es", 5, "other")]
    [InlineData("zh", 1, "other"), InlineData("zh", 2, "other")]
    [InlineData("ru-RU", 3, "few"), InlineData("fr-CA", 0, "one")]
    public void OtherLanguages_FollowCldr(string language, int count, string category) =>
        Assert.Equal(category, PluralRules.Category(language, count));

    [Theory]
    [InlineData("ru"), InlineData("ar"), InlineData("fr"), InlineData("es"), InlineData("zh"), InlineData("en")]
    public void Category_IsAlwaysOneTheLanguageLists(string language)
    {
        for (var n = 0; n < 1200; n++)
        {
            Assert.Contains(PluralRules.Category(language, n), PluralRules.CategoriesOf(language));
        }
    }
}
