using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Dom;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Stakeholders;
using WsisTracker.IntegrationTests.Infrastructure;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.IntegrationTests.Languages;

/// <summary>
/// Every public page, read in the pseudo-locale (/qps/...), shows no visible text that did not come from the resources;
/// and every resource key the pages use exists in every culture's resx (docs/languages.md).
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class TranslationTests(WsisTrackerFactory app)
{
    private static readonly string[] Translated = ["fr", "es", "ru", "ar", "zh"];

    // Text that is the same in every language: the product's name, resolution symbols, action-line and SDG codes,
    // paragraph citations ("para 12"), codes and numbers.
    [GeneratedRegex(@"^(WSIS Tracker|API|\(?A/RES/\d+/\d+\)?:?|C\d+(\.\d+)?|[\d\s.,:;()%/·–—-]*|\d{4}-\d\d-\d\d( \d\d:\d\d UTC)?|(A/RES/\d+/\d+,? )?(annex, )?(para|preamble) \d+( \([a-z]+\))*)$")]
    private static partial Regex SameInEveryLanguage();

    [Theory]
    [InlineData("/")]
    [InlineData("/?resolution=a-res-80-173")]
    [InlineData("/commitments")]
    [InlineData("/commitments?status=bogus", HttpStatusCode.BadRequest)]
    [InlineData("/commitments?overdue=true&sort=TargetDate")]
    [InlineData("/action-lines/C5")]
    [InlineData("/action-lines/C7")]
    [InlineData("/action-lines/C7.1")]
    [InlineData("/stakeholders")]
    [InlineData("/search")]
    [InlineData("/resolutions/a-res-70-125")]
    [InlineData("/resolutions/a-res-80-173")]
    [InlineData("/search?q=internet+governance")]
    [InlineData("/commitments/987654321", HttpStatusCode.NotFound)]
    public async Task PublicPage_InThePseudoLocale_ShowsOnlyResourceText(string url, HttpStatusCode status = HttpStatusCode.OK)
    {
        var page = await app.GetPageAsync("/qps" + url, status);

        Assert.Equal(Cultures.Pseudo, page.DocumentElement.GetAttribute("lang"));
        Assert.Empty(Untranslated(page.Body!));
    }

    [Fact]
    public async Task CommitmentAndStakeholderPages_InThePseudoLocale_ShowOnlyResourceText()
    {
        var list = await app.GetPageAsync("/commitments?resolution=a-res-70-125&paragraph=71");
        var commitment = list.QuerySelectorAll("a[href^='/commitments/']").Select(a => a.GetAttribute("href")!).First(h => Regex.IsMatch(h, @"^/commitments/\d+$"));
        var stakeholders = await app.GetPageAsync("/stakeholders");
        var stakeholder = stakeholders.QuerySelectorAll("a[href^='/stakeholders/']").First().GetAttribute("href")!;

        foreach (var url in new[] { commitment, stakeholder })
        {
            var page = await app.GetPageAsync("/qps" + url);
            Assert.Empty(Untranslated(page.Body!));
        }
    }

    [Fact]
    public void EveryTranslatedCulture_HasTheSameKeys_AndEveryPluralFormOfItsLanguage()
    {
        var sets = Translated.ToDictionary(c => c, c => ResourceKeys(c));
        var plain = sets.ToDictionary(s => s.Key, s => s.Value.Where(k => !k.Contains(PageText.PluralSeparator, StringComparison.Ordinal)).ToHashSet());
        foreach (var culture in Translated)
        {
            Assert.Equal(plain["fr"].Order(StringComparer.Ordinal), plain[culture].Order(StringComparer.Ordinal));
            var nouns = sets.Values.SelectMany(s => s).Where(k => k.Contains(PageText.PluralSeparator, StringComparison.Ordinal))
                .Select(k => k[..k.IndexOf(PageText.PluralSeparator, StringComparison.Ordinal)]).Distinct();
            foreach (var noun in nouns)
            {
                foreach (var category in PluralRules.CategoriesOf(culture))
                {
                    Assert.Contains($"{noun}{PageText.PluralSeparator}{category}", sets[culture]);
                }
            }
        }
    }

    [Fact]
    public void EveryKeyTheViewsUse_IsInEveryCulture()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(WebProject(), "Views"), "*.cshtml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            used.UnionWith(KeyUse().Matches(text).Select(m => m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal)));
            used.UnionWith(CountUse().Matches(text).Select(m => PageText.PluralKey(m.Groups[1].Value, PluralRules.Other)));
        }

        used.UnionWith(Enum.GetValues<CommitmentStatus>().Select(PageFormat.Status));
        used.UnionWith(Enum.GetValues<ReportingStatus>().Select(PageFormat.Reporting));
        used.UnionWith(Enum.GetValues<StakeholderGroup>().Select(PageFormat.Group));
        used.UnionWith(Enum.GetValues<ReportingCadence>().Select(c => c.ToString().ToLowerInvariant()));
        used.UnionWith(Enum.GetValues<LineageKind>().Select(c => c.ToString().ToLowerInvariant()));
        Assert.NotEmpty(used);
        foreach (var culture in Translated)
        {
            var keys = ResourceKeys(culture);
            // A lower-case text may be found under its capitalised twin (resource names are case-insensitive).
            Assert.Empty(used.Where(k => !keys.Contains(k) && !(char.IsLower(k[0]) && keys.Contains(PageText.TwinOf(k)))).Select(k => $"{culture}: {k}"));
        }
    }

    /// <summary>Visible text nodes with letters outside ⟦ ⟧, leaving out stored data (bdi, other-language elements, code, quotes).</summary>
    private static List<string> Untranslated(IElement body)
    {
        var found = new List<string>();
        foreach (var node in body.Descendants<IText>())
        {
            var parent = node.ParentElement;
            if (parent is null || parent.Closest("script, style, bdi, code, time, q, blockquote, .para-label, a.cite, .para-text, .section-heading, select#f-stakeholder, select#f-resolution, select#resolution, .headline, .sub-anchor, svg") is not null
                || parent.Closest("[lang]") is { } scoped && scoped.GetAttribute("lang") != Cultures.Pseudo)
            {
                continue;
            }

            var rest = node.Data;
            for (var before = ""; before != rest;)
            {
                before = rest;
                rest = Marked().Replace(rest, "");
            }

            // SDG targets ("9.c") are codes.
            rest = SdgTarget().Replace(rest, "").Trim();
            if (rest.Length > 0 && rest.Any(char.IsLetter) && !SameInEveryLanguage().IsMatch(rest))
            {
                found.Add($"<{parent.LocalName}>: {rest}");
            }
        }

        // The chart labels are SVG text: check them from the data tables instead (the same strings).
        return found;
    }

    private static HashSet<string> ResourceKeys(string culture) =>
        XDocument.Load(Path.Combine(WebProject(), "Resources", $"SharedResource.{culture}.resx"))
            .Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);

    private static string WebProject()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WsisTracker.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("WsisTracker.sln not found above the test output."), "src", "WsisTracker.Web");
    }

    [GeneratedRegex(@"\b\d+\.[a-z]\b")]
    private static partial Regex SdgTarget();

    [GeneratedRegex(@"⟦[^⟦⟧]*⟧")]
    private static partial Regex Marked();

    [GeneratedRegex(@"\bT\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex KeyUse();

    [GeneratedRegex(@"\bT\.Count\([^,]+,\s*""([^""]+)""\)")]
    private static partial Regex CountUse();
}
