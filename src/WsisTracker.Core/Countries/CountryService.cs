using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;
using WsisTracker.Core.Reports;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Core.Countries;

/// <summary>
/// Countries, the M49 areas and the groupings, read as of a date; and the secretariat's maintenance of the dated
/// memberships (decision 110). The one place a membership's rules are applied, for the pages and the API.
/// </summary>
public sealed class CountryService(WsisTrackerDbContext db, TimeProvider time, Caching.ReadCache? cache = null)
{
    /// <summary>Today in UTC: the default date of every "as of".</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<IReadOnlyList<GroupingModel>> GroupingsAsync(CancellationToken cancellationToken) =>
        await db.Groupings.AsNoTracking().OrderBy(g => g.Code).Select(g => new GroupingModel(g.Code, g.Name, g.Source)).ToListAsync(cancellationToken);

    /// <summary>Every M49 area by code, from the read cache's room for aggregates (the filters of three pages offer them).</summary>
    /// <remarks>The seeder's instance has no cache and reads them each time.</remarks>
    public Task<IReadOnlyList<RegionModel>> RegionsAsync(CancellationToken cancellationToken)
    {
        async Task<IReadOnlyList<RegionModel>> ReadAsync() => await db.Regions.AsNoTracking().OrderBy(r => r.Code)
            .Select(r => new RegionModel(r.Code, r.Level, r.ParentCode, new LocalizedNames(r.NameEn, r.NameFr, r.NameEs, r.NameAr, r.NameZh, r.NameRu)))
            .ToListAsync(cancellationToken);

        return cache is null ? ReadAsync() : cache.GetOrCreateAggregateAsync("countries:regions", ReadAsync);
    }

    /// <summary>Every country (or the members of <paramref name="grouping"/>) with its groupings on <paramref name="asOf"/> (today when none).</summary>
    public async Task<Result<CountryList>> ListAsync(string? grouping, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var day = asOf ?? Today;
        grouping = grouping?.Trim().ToLowerInvariant();
        if (grouping is not null && !await db.Groupings.AnyAsync(g => g.Code == grouping, cancellationToken))
        {
            return Error.Validation("grouping", $"'{PlainText.Cut(grouping, 20)}' is not a grouping (ldc, lldc or sids).");
        }

        var memberships = await MembershipsOnAsync(day, cancellationToken);
        var countries = await db.Countries.AsNoTracking().OrderBy(c => c.NameEn)
            .Select(c => new { c.Iso3, c.Iso2, c.M49, Names = new LocalizedNames(c.NameEn, c.NameFr, c.NameEs, c.NameAr, c.NameZh, c.NameRu), c.RegionCode, c.SubRegionCode, c.IntermediateRegionCode })
            .ToListAsync(cancellationToken);
        var items = countries
            .Select(c => new CountryListItem(c.Iso3, c.Iso2, c.M49, c.Names, c.RegionCode, c.SubRegionCode, c.IntermediateRegionCode, memberships.GetValueOrDefault(c.Iso3) ?? []))
            .Where(c => grouping is null || c.Groupings.Contains(grouping))
            .ToList();
        return new CountryList(day, grouping, items.Count, items);
    }

    /// <summary>The groupings each country belongs to on <paramref name="day"/>: one query over the memberships (a few hundred rows).</summary>
    public async Task<Dictionary<string, IReadOnlyList<string>>> MembershipsOnAsync(DateOnly day, CancellationToken cancellationToken) =>
        (await db.GroupingMemberships.AsNoTracking()
            .Where(m => (m.From == null || m.From <= day) && (m.To == null || day < m.To))
            .Select(m => new { m.CountryIso3, m.GroupingCode })
            .ToListAsync(cancellationToken))
        .GroupBy(m => m.CountryIso3, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(m => m.GroupingCode).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    public async Task<Result<CountryDetail>> GetAsync(string iso3, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var code = iso3.Trim().ToUpperInvariant();
        var country = await db.Countries.AsNoTracking().SingleOrDefaultAsync(c => c.Iso3 == code, cancellationToken);
        if (country is null)
        {
            return Error.NotFound("Country", PlainText.Cut(iso3, 12));
        }

        var day = asOf ?? Today;
        string?[] codes = [country.RegionCode, country.SubRegionCode, country.IntermediateRegionCode];
        var areas = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code))
            .Select(r => new RegionModel(r.Code, r.Level, r.ParentCode, new LocalizedNames(r.NameEn, r.NameFr, r.NameEs, r.NameAr, r.NameZh, r.NameRu)))
            .ToListAsync(cancellationToken);
        var memberships = await db.GroupingMemberships.AsNoTracking().Where(m => m.CountryIso3 == code)
            .OrderBy(m => m.GroupingCode).ThenBy(m => m.From)
            .Select(m => new MembershipModel(m.Id, m.GroupingCode, m.From, m.To, m.Source, m.Version))
            .ToListAsync(cancellationToken);
        var groupings = memberships.Where(m => (m.From is null || m.From <= day) && (m.To is null || day < m.To)).Select(m => m.Grouping).Distinct().ToList();
        return new CountryDetail(
            country.Iso3, country.Iso2, country.M49,
            new LocalizedNames(country.NameEn, country.NameFr, country.NameEs, country.NameAr, country.NameZh, country.NameRu),
            [.. areas.OrderBy(a => a.Level)], day, groupings, memberships);
    }

    /// <summary>How many commitments and reports a country's page lists.</summary>
    public const int PageListed = 100;

    /// <summary>
    /// A country with its government's commitments, the commitments whose national scope covers it and the approved
    /// reports that covered it: national ones naming it, regional ones naming one of its areas (at most
    /// <see cref="PageListed"/> each).
    /// </summary>
    public async Task<Result<CountryPage>> GetPageAsync(string iso3, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var detail = await GetAsync(iso3, asOf, cancellationToken);
        if (!detail.Succeeded)
        {
            return detail.Error;
        }

        var code = detail.Value.Iso3;
        var commitments = await db.Commitments.AsNoTracking()
            .Where(c => c.Stakeholders.Any(s => s.Stakeholder!.CountryCode == code && s.Stakeholder.Group == StakeholderGroup.Governments))
            .OrderBy(c => c.Id).Take(PageListed)
            .Select(c => new CountryCommitment(c.Id, c.Title, c.Status))
            .ToListAsync(cancellationToken);
        var covering = await db.Commitments.AsNoTracking()
            .Where(c => c.ScopeCountries.Contains(code))
            .OrderBy(c => c.Id).Take(PageListed)
            .Select(c => new CountryCommitment(c.Id, c.Title, c.Status))
            .ToListAsync(cancellationToken);
        // The country's areas, narrowest first: a regional report is listed through the narrowest one it names.
        var areas = detail.Value.Areas.OrderByDescending(a => a.Level).Select(a => a.Code).ToList();
        var reports = (await db.ProgressReports.AsNoTracking()
            .Where(r => r.State == ReportState.Approved
                && ((r.ScopeKind == GeographicScopeKind.National && r.Countries.Contains(code))
                    || (r.ScopeKind == GeographicScopeKind.Regional && r.ScopeRegions.Any(a => areas.Contains(a)))))
            .OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).Take(PageListed)
            .Select(r => new { r.CommitmentId, r.Commitment!.Title, Stakeholder = r.Stakeholder!.Name, r.AsOf, r.ScopeKind, r.ScopeRegions })
            .ToListAsync(cancellationToken))
            .Select(r => new CoveringReport(r.CommitmentId, r.Title, r.Stakeholder, r.AsOf, r.ScopeKind,
                r.ScopeKind == GeographicScopeKind.Regional ? areas.First(r.ScopeRegions.Contains) : null))
            .ToList();
        var indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.Code)
            .SelectMany(i => db.IndicatorValues.Where(v => v.IndicatorCode == i.Code && v.CountryIso3 == code).OrderByDescending(v => v.Year).Take(1)
                .Select(v => new CountryIndicator(i.Code, i.Name, i.Attribution, v.Year, v.Value)))
            .ToListAsync(cancellationToken);
        return new CountryPage(detail.Value, commitments, reports) { Indicators = indicators, ScopedCommitments = covering };
    }

    /// <summary>
    /// The names of the M49 areas and countries that the geographic scopes name (a commitment's, its reports'), by
    /// code: two small queries for all of them.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, LocalizedNames>> ScopeNamesAsync(IEnumerable<GeographicScopeModel> scopes, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, LocalizedNames>(StringComparer.Ordinal);
        var all = scopes.ToList();
        var regions = all.SelectMany(s => s.Regions).Distinct(StringComparer.Ordinal).ToList();
        var countries = all.SelectMany(s => s.Countries).Distinct(StringComparer.Ordinal).ToList();
        if (regions.Count > 0)
        {
            foreach (var r in await db.Regions.AsNoTracking().Where(r => regions.Contains(r.Code))
                .Select(r => new { r.Code, Names = new LocalizedNames(r.NameEn, r.NameFr, r.NameEs, r.NameAr, r.NameZh, r.NameRu) }).ToListAsync(cancellationToken))
            {
                names[r.Code] = r.Names;
            }
        }

        if (countries.Count > 0)
        {
            foreach (var c in await db.Countries.AsNoTracking().Where(c => countries.Contains(c.Iso3))
                .Select(c => new { c.Iso3, Names = new LocalizedNames(c.NameEn, c.NameFr, c.NameEs, c.NameAr, c.NameZh, c.NameRu) }).ToListAsync(cancellationToken))
            {
                names[c.Iso3] = c.Names;
            }
        }

        return names;
    }

    /// <summary>Whether each code names a country; the unknown ones, in order.</summary>
    public async Task<IReadOnlyList<string>> UnknownAsync(IReadOnlyCollection<string> iso3, CancellationToken cancellationToken)
    {
        if (iso3.Count == 0)
        {
            return [];
        }

        var known = await db.Countries.Where(c => iso3.Contains(c.Iso3)).Select(c => c.Iso3).ToListAsync(cancellationToken);
        return [.. iso3.Except(known, StringComparer.Ordinal)];
    }

    /// <summary>Adds a membership; it must not overlap another of the same country and grouping.</summary>
    public async Task<Result<MembershipModel>> AddMembershipAsync(string iso3, MembershipInput input, CancellationToken cancellationToken)
    {
        var code = iso3.Trim().ToUpperInvariant();
        if (!await db.Countries.AnyAsync(c => c.Iso3 == code, cancellationToken))
        {
            return Error.NotFound("Country", PlainText.Cut(iso3, 12));
        }

        var grouping = input.Grouping?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(grouping) || !await db.Groupings.AnyAsync(g => g.Code == grouping, cancellationToken))
        {
            return Error.Validation(nameof(MembershipInput.Grouping), "Choose a grouping: ldc, lldc or sids.");
        }

        var source = string.IsNullOrWhiteSpace(input.Source) ? null : input.Source.Trim();
        var others = await db.GroupingMemberships.AsNoTracking().Where(m => m.CountryIso3 == code && m.GroupingCode == grouping).ToListAsync(cancellationToken);
        if (GroupingMembership.Validate(input.From, input.To, source, others) is { } error)
        {
            return error;
        }

        var membership = new GroupingMembership { CountryIso3 = code, GroupingCode = grouping, From = input.From, To = input.To, Source = source };
        db.GroupingMemberships.Add(membership);
        await db.SaveChangesAsync(cancellationToken);
        return new MembershipModel(membership.Id, membership.GroupingCode, membership.From, membership.To, membership.Source, membership.Version);
    }

    /// <summary>Ends a membership on <paramref name="on"/> (a graduation: the first day the country is no longer a member).</summary>
    public async Task<Result<MembershipModel>> EndMembershipAsync(string iso3, int id, DateOnly? on, string? source, CancellationToken cancellationToken)
    {
        var code = iso3.Trim().ToUpperInvariant();
        var membership = await db.GroupingMemberships.SingleOrDefaultAsync(m => m.Id == id && m.CountryIso3 == code, cancellationToken);
        if (membership is null)
        {
            return Error.NotFound("Membership", id);
        }

        if (on is null)
        {
            return Error.Validation("To", "Give the day the membership ends.");
        }

        source = string.IsNullOrWhiteSpace(source) ? membership.Source : source.Trim();
        var others = await db.GroupingMemberships.AsNoTracking()
            .Where(m => m.CountryIso3 == code && m.GroupingCode == membership.GroupingCode && m.Id != id).ToListAsync(cancellationToken);
        if (GroupingMembership.Validate(membership.From, on, source, others) is { } error)
        {
            return error;
        }

        membership.To = on;
        membership.Source = source;
        await db.SaveChangesAsync(cancellationToken);
        return new MembershipModel(membership.Id, membership.GroupingCode, membership.From, membership.To, membership.Source, membership.Version);
    }

    /// <summary>Removes a membership recorded by mistake (ending it is how a graduation is recorded).</summary>
    public async Task<Result<bool>> DeleteMembershipAsync(string iso3, int id, CancellationToken cancellationToken)
    {
        var code = iso3.Trim().ToUpperInvariant();
        var membership = await db.GroupingMemberships.SingleOrDefaultAsync(m => m.Id == id && m.CountryIso3 == code, cancellationToken);
        if (membership is null)
        {
            return Error.NotFound("Membership", id);
        }

        db.GroupingMemberships.Remove(membership);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
