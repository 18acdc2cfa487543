using System.Text.RegularExpressions;
using AngleSharp.Dom;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.IntegrationTests.Languages;

/// <summary>
/// The check every page in the pseudo-locale (/qps/...) passes: no visible text that did not come from the resources,
/// leaving out stored data (docs/languages.md). Public pages (<see cref="TranslationTests"/>) and signed-in pages use it.
/// </summary>
public static partial class PseudoLocale
{
    /// <summary>Visible text nodes with letters outside ⟦ ⟧, the charts' SVG labels among them, leaving out stored data (bdi, other-language elements, code, quotes, chart labels marked <c>stored</c>).</summary>
    public static List<string> Untranslated(IElement body)
    {
        var found = new List<string>();
        foreach (var node in body.Descendants<IText>())
        {
            var parent = node.ParentElement;
            if (parent is null || parent.Closest("script, style, textarea, bdi, code, time, q, blockquote, .para-label, a.cite, .para-text, .section-heading, select#f-stakeholder, select#f-resolution, select#Stakeholder, select#PartnerStakeholders, select#resolution, select#LeadStakeholders, select#stakeholder, select#Stakeholders, select#InviteStakeholders, .headline, .sub-anchor, svg text.stored") is not null
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

        return found;
    }

    // Text that is the same in every language: the product's name, resolution symbols, action-line and SDG codes,
    // paragraph citations ("para 12"), codes and numbers.
    [GeneratedRegex(@"^(WSIS Tracker|API|\(?A/RES/\d+/\d+\)?:?|C\d+(\.\d+)?|[\d\s.,:;()%/·–—-]*|\d{4}-\d\d-\d\d( \d\d:\d\d UTC)?|(A/RES/\d+/\d+,? )?(annex, )?(para|preamble) \d+( \([a-z]+\))*)$")]
    private static partial Regex SameInEveryLanguage();

    [GeneratedRegex(@"\b\d+\.[a-z]\b")]
    private static partial Regex SdgTarget();

    [GeneratedRegex(@"⟦[^⟦⟧]*⟧")]
    private static partial Regex Marked();
}
