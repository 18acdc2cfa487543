using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Stakeholders;

/// <summary>A stakeholder as a form or a request gives it; <paramref name="IsCollective"/> for one standing for several together.</summary>
public sealed record StakeholderInput(string? Name, string? Acronym, StakeholderGroup? Group, string? CountryCode, string? Website, bool IsCollective = false);

/// <summary>Creating, editing and deleting stakeholders, with the same rules for pages and API.</summary>
public sealed partial class StakeholderWrites(WsisTrackerDbContext db, StakeholderService reads)
{
    public async Task<Result<StakeholderModel>> CreateAsync(StakeholderInput input, CancellationToken cancellationToken)
    {
        if ((Validate(input) ?? await UnknownCountryAsync(input, cancellationToken)) is { } error)
        {
            return error;
        }

        var stakeholder = new Stakeholder { Slug = "", Name = "" };
        Apply(stakeholder, input);
        db.Stakeholders.Add(stakeholder);

        // Creates of one name at the same moment find the same free slug; the unique index lets one have it, and each
        // other takes the next one free.
        for (var attempt = 1; ; attempt++)
        {
            stakeholder.Slug = await UniqueSlugAsync(input.Acronym ?? input.Name!, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException e) when (ConstraintViolation.Of(e) is { Kind: ConstraintKind.Unique } violation)
            {
                if (attempt == MaxSlugAttempts)
                {
                    db.Stakeholders.Remove(stakeholder);
                    return violation.ToConflict();
                }
            }
        }

        return await reads.GetAsync(stakeholder.Id, cancellationToken);
    }

    public async Task<Result<StakeholderModel>> ReviseAsync(int id, StakeholderInput input, uint expectedVersion, CancellationToken cancellationToken)
    {
        var stakeholder = await db.Stakeholders.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if ((Check(stakeholder, id, expectedVersion) ?? Validate(input) ?? await UnknownCountryAsync(input, cancellationToken)) is { } error)
        {
            return error;
        }

        Apply(stakeholder!, input);
        db.Entry(stakeholder!).Property(s => s.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion(What);
        }

        return await reads.GetAsync(id, cancellationToken);
    }

    /// <summary>Deletes a stakeholder that nothing cites; one still named by a commitment or an action line, or one that reported progress, stays (conflict).</summary>
    public async Task<Result<int>> DeleteAsync(int id, uint expectedVersion, CancellationToken cancellationToken)
    {
        var stakeholder = await db.Stakeholders.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (Check(stakeholder, id, expectedVersion) is { } error)
        {
            return error;
        }

        var commitments = await db.Commitments.IgnoreQueryFilters().CountAsync(c => c.Stakeholders.Any(s => s.StakeholderId == id), cancellationToken);
        var actionLines = await db.ActionLines.CountAsync(a => a.Facilitators.Any(f => f.StakeholderId == id), cancellationToken);
        // The progress it reported stays attributed to it: a stakeholder that reported is never deleted.
        var reported = await db.ProgressUpdates.CountAsync(u => u.ReportingStakeholderId == id, cancellationToken);
        if (reported > 0)
        {
            return new Error(ErrorKind.Conflict, "stakeholder-in-use", $"{stakeholder!.Name} reported {reported} progress update(s), which stay attributed to it.");
        }

        if (commitments + actionLines > 0)
        {
            return InUse(stakeholder!.Name, $" by {commitments} commitment(s) and facilitates {actionLines} action line(s)");
        }

        db.Entry(stakeholder!).Property(s => s.Version).OriginalValue = expectedVersion;
        db.Stakeholders.Remove(stakeholder!);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion(What);
        }
        catch (DbUpdateException e) when (ConstraintViolation.Of(e) is { Kind: ConstraintKind.ForeignKey })
        {
            // A commitment or action line started to name it after the check above, in a transaction not yet committed then.
            db.Entry(stakeholder!).State = EntityState.Detached;
            return InUse(stakeholder!.Name);
        }

        return id;
    }

    /// <summary>A stakeholder's country is a reference to a country of the M49 list (decision 111).</summary>
    private async Task<Error?> UnknownCountryAsync(StakeholderInput input, CancellationToken cancellationToken)
    {
        var code = input.CountryCode?.Trim().ToUpperInvariant();
        return string.IsNullOrEmpty(code) || await db.Countries.AnyAsync(c => c.Iso3 == code, cancellationToken)
            ? null
            : Error.Validation("countryCode", $"'{code}' is not a country of the UN M49 list (ISO 3166-1 alpha-3, such as KEN).");
    }

    /// <summary>
    /// A stakeholder has a name; an acronym, website and ISO 3166-1 alpha-3 country code within their forms and
    /// lengths; and one of the six groups. Every text is plain text (<see cref="PlainText"/>). A collective stakeholder
    /// names no country; a Governments stakeholder that is not collective is one government and names its country
    /// (decision 133).
    /// </summary>
    public static Error? Validate(StakeholderInput input)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Add("name", "Required.");
        }
        else if (input.Name.Trim().Length > Limits.ShortText)
        {
            errors.Add("name", $"At most {Limits.ShortText} characters.");
        }
        else
        {
            PlainText.Check(input.Name, "name", errors);
        }

        PlainText.Check(input.Acronym, "acronym", errors);

        if (input.Acronym is { } acronym && acronym.Trim().Length > Limits.Acronym)
        {
            errors.Add("acronym", $"At most {Limits.Acronym} characters.");
        }

        if (input.Group is not { } group || !Enum.IsDefined(group))
        {
            errors.Add("group", "Choose one of the six stakeholder groups.");
        }

        var hasCountry = !string.IsNullOrWhiteSpace(input.CountryCode);
        if (hasCountry && !CountryCode().IsMatch(input.CountryCode!.Trim()))
        {
            errors.Add("countryCode", "Give an ISO 3166-1 alpha-3 code, such as KEN.");
        }
        else if (hasCountry && input.IsCollective)
        {
            errors.Add("countryCode", "A collective stakeholder stands for several countries or organisations and names no country.");
        }
        else if (!hasCountry && !input.IsCollective && input.Group == StakeholderGroup.Governments)
        {
            errors.Add("countryCode", "A government names its country; a stakeholder standing for several governments together (such as Member States) is collective.");
        }

        if (!string.IsNullOrWhiteSpace(input.Website)
            && !WebLink.IsValid(input.Website))
        {
            errors.Add("website", $"Give an http(s) address of at most {Limits.Url} characters.");
        }

        return errors.Any ? errors.ToError() : null;
    }

    /// <summary>How many slugs a create tries when others take the free one first.</summary>
    private const int MaxSlugAttempts = 10;

    private static Error InUse(string name, string? counts = null) =>
        new(ErrorKind.Conflict, "stakeholder-in-use", $"{name} is named{counts ?? " by a commitment or an action line"}; remove it from them first.");

    private static Error? Check(Stakeholder? stakeholder, int id, uint expectedVersion) => Versioned.Check(stakeholder, What, id, expectedVersion);

    private const string What = "Stakeholder";

    private static void Apply(Stakeholder stakeholder, StakeholderInput input)
    {
        stakeholder.Name = input.Name!.Trim();
        stakeholder.Acronym = string.IsNullOrWhiteSpace(input.Acronym) ? null : input.Acronym.Trim();
        stakeholder.Group = input.Group!.Value;
        stakeholder.CountryCode = string.IsNullOrWhiteSpace(input.CountryCode) ? null : input.CountryCode.Trim().ToUpperInvariant();
        stakeholder.IsCollective = input.IsCollective;
        stakeholder.Website = string.IsNullOrWhiteSpace(input.Website) ? null : input.Website.Trim();
    }

    private async Task<string> UniqueSlugAsync(string basis, CancellationToken cancellationToken)
    {
        var slug = Slugs.From(basis);
        slug = string.IsNullOrEmpty(slug) ? "stakeholder" : slug[..Math.Min(slug.Length, Limits.Slug - 8)];
        var candidate = slug;
        for (var n = 2; await db.Stakeholders.AnyAsync(s => s.Slug == candidate, cancellationToken); n++)
        {
            candidate = $"{slug}-{n}";
        }

        return candidate;
    }

    [GeneratedRegex("^[A-Za-z]{3}$")]
    private static partial Regex CountryCode();
}
