using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;
using WsisTracker.Core.Indicators;
using WsisTracker.Core.Resolutions;

namespace WsisTracker.Core.Commitments;

/// <summary>
/// The reference resolution of a commitment's input: the paragraphs (resolution slug, number, part), action line codes
/// and stakeholder slugs it names, turned into the ids a <see cref="CommitmentDefinition"/> holds. It changes when what
/// a commitment may refer to changes; <see cref="CommitmentWrites"/> and its checks call it before any rule of the
/// entity runs. It reads only, untracked, and takes no lock.
/// </summary>
public sealed class CommitmentReferences(WsisTrackerDbContext db, TimeProvider time)
{
    /// <summary>Validates the input and finds what it refers to; every unknown paragraph, code or slug is reported.</summary>
    public async Task<Result<CommitmentDefinition>> ResolveAsync(CommitmentInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        CommitmentDefinition.Validate(input, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), errors);

        var keys = (input.Paragraphs ?? []).Where(k => k is not null).Distinct().ToList();
        var slugs = keys.Select(k => k.Resolution).Distinct().ToList();
        var numbers = keys.Select(k => k.Number).Distinct().ToList();
        var paragraphs = await db.Paragraphs.AsNoTracking()
            .Where(p => p.Kind == ParagraphKind.Operative && slugs.Contains(p.Resolution!.Slug) && numbers.Contains(p.Number!.Value))
            .Select(p => new { p.Id, p.Resolution!.Slug, p.Part, Number = p.Number!.Value, p.SubParagraphs })
            .ToListAsync(cancellationToken);
        var cited = new List<ParagraphCitationTarget>();
        foreach (var key in keys)
        {
            var match = paragraphs.FirstOrDefault(p => p.Slug == key.Resolution && p.Number == key.Number && p.Part == key.Part);
            if (match is null)
            {
                errors.Add("paragraphs", key.Part is null
                    ? $"Resolution '{key.Resolution}' has no operative paragraph {key.Number}."
                    : $"Resolution '{key.Resolution}' has no paragraph {key.Number} in its part '{key.Part}'.");
            }
            else if (key.SubParagraph is { } sub && CommitmentDefinition.IsSubParagraphPath(sub) && !HasSubParagraph(match.SubParagraphs, sub))
            {
                errors.Add("paragraphs", $"Paragraph {ParagraphAnchor.Label(key.Part, ParagraphKind.Operative, key.Number, 0)} of resolution '{key.Resolution}' has no sub-paragraph {ParagraphAnchor.SubParagraphLabel(sub)}.");
            }
            else if (cited.Any(c => c.ParagraphId == match.Id))
            {
                errors.Add("paragraphs", $"Paragraph {ParagraphAnchor.Label(key.Part, ParagraphKind.Operative, key.Number, 0)} of resolution '{key.Resolution}' is cited more than once: cite it as a whole or by one sub-paragraph.");
            }
            else
            {
                cited.Add(new ParagraphCitationTarget(match.Id, key.SubParagraph));
            }
        }

        var codes = (input.ActionLines ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var upperCodes = codes.Select(c => c.ToUpperInvariant()).ToList();
        var actionLines = await db.ActionLines.AsNoTracking().Where(a => upperCodes.Contains(a.Code)).Select(a => new { a.Id, a.Code }).ToListAsync(cancellationToken);
        foreach (var code in codes.Where(c => !actionLines.Any(a => string.Equals(a.Code, c, StringComparison.OrdinalIgnoreCase))))
        {
            errors.Add("actionLines", $"There is no action line '{code}'.");
        }

        var leads = (input.LeadStakeholders ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).ToList();
        var partners = (input.PartnerStakeholders ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).ToList();
        var allSlugs = leads.Concat(partners).Distinct(StringComparer.Ordinal).ToList();
        var stakeholders = await db.Stakeholders.AsNoTracking().Where(s => allSlugs.Contains(s.Slug)).Select(s => new { s.Id, s.Slug }).ToListAsync(cancellationToken);
        foreach (var slug in leads.Where(s => stakeholders.All(x => x.Slug != s)))
        {
            errors.Add("leadStakeholders", $"There is no stakeholder '{slug}'.");
        }

        foreach (var slug in partners.Where(s => stakeholders.All(x => x.Slug != s)))
        {
            errors.Add("partnerStakeholders", $"There is no stakeholder '{slug}'.");
        }

        var scope = input.Scope is { } scopeInput ? await GeographicScopeCheck.ValidateAsync(db, scopeInput, errors, cancellationToken) : null;
        var indicator = IndicatorLink.Validate(input.Indicator, await SeriesAsync(input.Indicator, cancellationToken), errors);

        if (errors.Any)
        {
            return errors.ToError();
        }

        int IdOf(string slug) => stakeholders.First(s => s.Slug == slug).Id;
        return new CommitmentDefinition(
            input.Title!.Trim(),
            input.Description!.Trim(),
            cited,
            actionLines.Select(a => a.Id).ToList(),
            leads.Select(IdOf).ToList(),
            partners.Select(IdOf).ToList(),
            input.TargetDate,
            string.IsNullOrWhiteSpace(input.TargetDateText) ? null : input.TargetDateText.Trim(),
            input.ReportingCadence,
            input.Milestones ?? [])
        {
            Scope = scope,
            Indicator = indicator,
        };
    }

    /// <summary>The imported series the link names (codes are upper case, as the World Bank writes them), or null.</summary>
    private async Task<IndicatorSeries?> SeriesAsync(IndicatorLinkInput? link, CancellationToken cancellationToken)
    {
        if (link?.Code is not { } given || string.IsNullOrWhiteSpace(given) || !PlainText.IsValid(given))
        {
            return null;
        }

        var code = given.Trim().ToUpperInvariant();
        return await db.Indicators.AsNoTracking().Where(i => i.Code == code).Select(i => new IndicatorSeries(i.Code, i.Name)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Whether the labels of <paramref name="path"/> ("b-ii") name a sub-paragraph of the paragraph, level by level.</summary>
    private static bool HasSubParagraph(IReadOnlyList<SubParagraph> subParagraphs, string path)
    {
        var level = subParagraphs;
        foreach (var label in path.Split('-'))
        {
            var found = level.FirstOrDefault(s => s.Label == label);
            if (found is null)
            {
                return false;
            }

            level = found.SubParagraphs;
        }

        return true;
    }
}
