using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Reports;
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

    [Theory]
    [InlineData("/")]
    [InlineData("/?resolution=a-res-80-173")]
    [InlineData("/?region=002&grouping=ldc")]
    [InlineData("/?region=12&grouping=g77")]
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
        Assert.Empty(PseudoLocale.Untranslated(page.Body!));
    }

    [Fact]
    public async Task CommitmentAndStakeholderPages_InThePseudoLocale_ShowOnlyResourceText()
    {
        var list = await app.GetPageAsync("/commitments?resolution=a-res-70-125&paragraph=71");
        var commitment = list.QuerySelectorAll("a[href^='/commitments/']").Select(a => a.GetAttribute("href")!).First(h => Regex.IsMatch(h, @"^/commitments/\d+$"));
        var stakeholders = await app.GetPageAsync("/stakeholders");
        var stakeholder = stakeholders.QuerySelectorAll("a[href^='/stakeholders/']").First().GetAttribute("href")!;

        // A commitment measured on an indicator, for its chart and data table.
        var measured = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            System.Linq.Queryable.Select(System.Linq.Queryable.Where(db.Commitments, c => c.Code == "70-125-p25-universal-affordable-internet"), c => c.Id)));
        var linked = $"/commitments/{measured}";
        Assert.NotNull((await app.GetPageAsync("/qps" + linked)).QuerySelector("section[aria-labelledby=indicator] tbody tr"));

        foreach (var url in new[] { commitment, stakeholder, linked })
        {
            var page = await app.GetPageAsync("/qps" + url);
            Assert.Empty(PseudoLocale.Untranslated(page.Body!));
        }
    }

    [Theory]
    [InlineData("fr", "At most 32 characters.", "Au plus 32 caractères.")]
    [InlineData("ru", "At most 500 rows at a time.", "Не более 500 строк за раз.")]
    [InlineData("es", "At most 500 rows.", "Como máximo 500 filas.")]
    [InlineData("fr", "There is no stakeholder 'acme-foundation'.", "Il n'y a pas de partie prenante « acme-foundation ».")]
    [InlineData("ar", "KEN, 2019: 'n/a' is not a number.", "KEN، 2019: «n/a» ليس رقمًا.")]
    [InlineData("zh", "Give a date between 2000-01-01 and 2100-12-31.", "请输入 2000-01-01 至 2100-12-31 之间的日期。")]
    [InlineData("es", "A commitment that is on track cannot go back to not started.", "Un compromiso en estado «{on track}» no puede volver a «no iniciado».")]
    [InlineData("fr", "Commitment '987654321' was not found.", "Engagement « 987654321 » introuvable.")]
    [InlineData("fr", "The report is approved; only a draft can be submitted.", "Le rapport est à l'état « approuvé » ; seul un brouillon peut être soumis.")]
    [InlineData("fr", "Operative paragraphs 3 to 5 are missing: paragraph 6 comes next.", "Les paragraphes 3 à 5 du dispositif manquent : le paragraphe 6 vient ensuite.")]
    [InlineData("ru", "Footnote 4 is out of sequence: footnote 3 was expected here.", "Сноска 4 нарушает порядок: здесь ожидалась сноска 3.")]
    [InlineData("fr", "A message with 12 in it that no resource knows.", null)]
    public async Task CoreMessage_WithValuesWrittenIntoIt_IsTranslatedByTheKeyItFills(string culture, string message, string? expected)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var text = scope.ServiceProvider.GetRequiredService<PageText>();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var translated = text.Message(message);
            // A value that is itself a key (a status) is translated too: {on track} stands for its translation.
            Assert.Equal(expected?.Replace("{on track}", text["on track"], StringComparison.Ordinal) ?? message, translated.Value);
            Assert.Equal(expected is null, translated.ResourceNotFound);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public async Task NotFoundPage_InFrench_SaysWhatWasNotFoundInFrench()
    {
        var page = await app.GetPageAsync("/fr/commitments/987654321", HttpStatusCode.NotFound);
        Assert.Contains(page.QuerySelectorAll("main p"), p => p.TextContent == "Engagement « 987654321 » introuvable.");
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
        foreach (var file in Directory.EnumerateFiles(WebProject(), "*.cshtml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            used.UnionWith(KeyUse().Matches(text).Select(m => m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal)));
            used.UnionWith(CountUse().Matches(text).Select(m => PageText.PluralKey(m.Groups[1].Value, PluralRules.Other)));
        }

        used.UnionWith(Enum.GetValues<CommitmentStatus>().Select(PageFormat.Status));
        used.UnionWith(Enum.GetValues<ReportingStatus>().Select(PageFormat.Reporting));
        used.UnionWith(Enum.GetValues<StakeholderGroup>().Select(PageFormat.Group));
        used.UnionWith(Enum.GetValues<ReportingCadence>().Select(c => c.ToString().ToLowerInvariant()));
        used.UnionWith(Enum.GetValues<ReportState>().Select(ProgressReport.StateLabel));
        used.UnionWith(StaffRoles.All);
        used.UnionWith(PageFormat.Groupings.Select(g => g.Label));
        used.UnionWith(PageFormat.Groupings.Select(g => g.Code.ToUpperInvariant()));
        used.UnionWith(Enum.GetValues<LineageKind>().Select(c => c.ToString().ToLowerInvariant()));
        // The staff pages write these enumerations' names through the resources (outbox states, CSV changes, the
        // audit's actors and actions, the forms of a resolution text).
        used.UnionWith(Enum.GetValues<Core.Email.OutboxState>().Select(s => s.ToString()));
        used.UnionWith(Enum.GetValues<Core.Commitments.CsvRowChange>().Select(c => c.ToString()));
        used.UnionWith(Enum.GetValues<Core.Auditing.ActorKind>().Select(k => k.ToString()));
        used.UnionWith(Enum.GetValues<Core.Resolutions.Parsing.ResolutionTextForm>().Select(f => f.ToString()));
        used.UnionWith(["Added", "Modified", "Deleted"]);
        used.UnionWith(["Response rate by lead stakeholder", "Response rate by action line", "Lead stakeholder", "Action line"]);
        Assert.NotEmpty(used);
        foreach (var culture in Translated)
        {
            var keys = ResourceKeys(culture);
            // A lower-case text may be found under its capitalised twin (resource names are case-insensitive).
            Assert.Empty(used.Where(k => !keys.Contains(k) && !(char.IsLower(k[0]) && keys.Contains(PageText.TwinOf(k)))).Select(k => $"{culture}: {k}"));
        }
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

    [GeneratedRegex(@"\bT(?:\[|\.WithStored\()""((?:[^""\\]|\\.)*)""")]
    private static partial Regex KeyUse();

    [GeneratedRegex(@"\bT\.Count\([^,]+,\s*""([^""]+)""\)")]
    private static partial Regex CountUse();
}
