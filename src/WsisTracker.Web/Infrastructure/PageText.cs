using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Reporting;
using WsisTracker.Core.Reports;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// What the views write in the request's culture: resource strings by their English text (<c>T["Commitments"]</c>),
/// the labels of statuses and groups, counted nouns with the language's plural forms, dates and percentages
/// (docs/languages.md). English pages read exactly as <see cref="PageFormat"/> writes them.
/// </summary>
public sealed partial class PageText(IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The separator between a counted noun's key and its CLDR plural category: "{0} commitments|few".</summary>
    public const char PluralSeparator = PluralRules.Separator;

    public static CultureInfo Culture => CultureInfo.CurrentUICulture;

    public static bool IsEnglish => Culture.TwoLetterISOLanguageName == Cultures.English || Culture.Name.Length == 0;

    public static string Language => PseudoLocalizerFactory.Active ? Cultures.Pseudo : Culture.TwoLetterISOLanguageName;

    public string this[string text] => Lookup(text);

    /// <summary>
    /// Resource names are case-insensitive, so "overdue" and "Overdue" cannot both be keys: a text that starts in lower
    /// case and has no key of its own takes its capitalised twin's translation with the first letter lowered.
    /// </summary>
    private string Lookup(string text)
    {
        var found = localizer[text];
        if (!found.ResourceNotFound || text.Length == 0 || !char.IsLower(text[0]))
        {
            return found;
        }

        var twin = localizer[TwinOf(text)];
        return twin.ResourceNotFound || twin.Value.Length == 0 ? found : char.ToLower(twin.Value[0], Culture) + twin.Value[1..];
    }

    /// <summary>
    /// A message from a Core rule, in the page's culture (decision 119): found by its English text, or, when values are
    /// written into it ("At most 500 characters."), by the resource key with places that it fills ("At most {0}
    /// characters."), the values put into that key's translation (each itself translated when it is a key, such as a
    /// status). <see cref="LocalizedString.ResourceNotFound"/> says the text stayed English.
    /// </summary>
    public LocalizedString Message(string english)
    {
        if (IsEnglish || PseudoLocalizerFactory.Active || english.Length == 0)
        {
            return new LocalizedString(english, Lookup(english));
        }

        var found = localizer[english];
        if (!found.ResourceNotFound)
        {
            return found;
        }

        if (Lookup(english) is var twin && twin != english)
        {
            return new LocalizedString(english, twin);
        }

        foreach (var template in MessageTemplates.Of(Culture.Name, localizer))
        {
            if (template.Match(english) is { } values)
            {
                var translated = values.Select(v => (object)(localizer[v] is { ResourceNotFound: false } key ? key.Value : v)).ToArray();
                return new LocalizedString(english, string.Format(Culture, template.Translation, translated));
            }
        }

        return new LocalizedString(english, english, resourceNotFound: true);
    }

    /// <summary>The key a lower-case text is found under when it has none of its own ("overdue" → "Overdue").</summary>
    public static string TwinOf(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public string this[string text, params object[] arguments] => localizer[text, arguments];

    /// <summary>
    /// A sentence with stored data (names, titles) in its placeholders, each isolated in a <c>bdi</c>:
    /// <c>T.WithStored("Review: {0} on {1}", name, title)</c>. In the pseudo-locale each piece of the sentence is marked.
    /// </summary>
    public IHtmlContent WithStored(string text, params string[] stored)
    {
        var sentence = Lookup(text);
        if (PseudoLocalizerFactory.Active && sentence.Length >= 2)
        {
            sentence = sentence[1..^1];
        }

        var content = new HtmlContentBuilder();
        var pieces = Placeholder().Split(sentence);
        for (var i = 0; i < pieces.Length; i++)
        {
            if (i % 2 == 1)
            {
                content.AppendHtml("<bdi>").Append(stored[int.Parse(pieces[i], CultureInfo.InvariantCulture)]).AppendHtml("</bdi>");
            }
            else if (pieces[i].Length > 0)
            {
                content.Append(PseudoLocalizerFactory.Active ? PseudoLocalizerFactory.Wrap(pieces[i]) : pieces[i]);
            }
        }

        return content;
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();

    public string Status(CommitmentStatus status) => this[PageFormat.Status(status)];

    public string Reporting(ReportingStatus status) => this[PageFormat.Reporting(status)];

    public string Group(StakeholderGroup group) => this[PageFormat.Group(group)];

    public string NoReportYet => this[PageFormat.NoReportYet];

    /// <summary>A staff role ("Administrator", "Secretariat", "Contributor") in the culture.</summary>
    public string Role(string role) => this[role];

    /// <summary>A progress report's state ("draft", "submitted"...) in the culture.</summary>
    public string State(ReportState state) => this[ProgressReport.StateLabel(state)];

    /// <summary>A reporting cycle's scope in words ("all", "resolution a-res-70-125, action line C3"); English as the Word document writes it.</summary>
    public string Scope(CycleScope scope) => IsEnglish ? ReportDocument.ScopeText(scope)
        : scope.IsAll ? this["all"]
        : string.Join(", ", new[]
        {
            scope.Resolution is { } r ? this["resolution {0}", r] : null,
            scope.ActionLine is { } a ? this["action line {0}", a] : null,
            scope.Stakeholder is { } s ? this["stakeholder {0}", s] : null,
        }.Where(x => x is not null));

    /// <summary>"3 of 4 commitments answered (75 %), 1 late."; English as the Word document writes it.</summary>
    public string Rate(ResponseRate rate) => IsEnglish ? ReportDocument.RateText(rate)
        : this["{0} of {1} answered ({2}), {3} late.", Number(rate.Answered), Count(rate.Expected, "commitment"), Percent(rate.Percent), Number(rate.Late)];

    /// <summary>"1 commitment", "2 commitments"; in Russian or Arabic the form the number asks for (keys "{0} commitments|few").</summary>
    public string Count(int count, string singular)
    {
        var english = PageFormat.Count(count, singular);
        if (IsEnglish)
        {
            return english;
        }

        if (PseudoLocalizerFactory.Active)
        {
            return PseudoLocalizerFactory.Wrap(english);
        }

        var key = PluralKey(singular, PluralRules.Category(Culture.Name, count));
        var value = localizer[key, Number(count)];
        return value.ResourceNotFound ? localizer[PluralKey(singular, PluralRules.Other), Number(count)] : value;
    }

    /// <summary>The resource key of one plural form of a counted noun.</summary>
    public static string PluralKey(string singular, string category) => PluralRules.Key(singular, category);

    public static string Number(int value) => value.ToString("N0", Culture);

    public string Percent(int? value) =>
        IsEnglish ? PageFormat.Percent(value)
        : value is { } v ? (v / 100.0).ToString("P0", Culture)
        : this["none reported"];

    /// <summary>A date in words, in the order and with the month names of the culture.</summary>
    public static string Date(DateOnly? date)
    {
        if (date is not { } d || IsEnglish)
        {
            return PageFormat.Date(date);
        }

        if (PseudoLocalizerFactory.Active)
        {
            return PseudoLocalizerFactory.Wrap(PageFormat.Date(date));
        }

        return DateWords.In(d, Culture);
    }
}
