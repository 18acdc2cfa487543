using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Common;
using WsisTracker.Core.Countries;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Commitments;

/// <summary>
/// The one check of a geographic scope against the M49 tables, for whatever carries a scope: a commitment
/// (<see cref="CommitmentReferences"/>) and a progress report (decision 131). It reads only, untracked.
/// </summary>
public static class GeographicScopeCheck
{
    /// <summary>The scope's rule (<see cref="GeographicScope.Validate"/>), with the codes it names looked up in the M49 tables.</summary>
    public static async Task<GeographicScope?> ValidateAsync(WsisTrackerDbContext db, GeographicScopeInput input, FieldErrors errors, CancellationToken cancellationToken)
    {
        var (regionCodes, countryCodes) = GeographicScope.CodesOf(input);
        var lookUpRegions = regionCodes.Where(c => c.Length == Limits.M49Code).Take(Limits.ScopeCodes + 1).ToList();
        var lookUpCountries = countryCodes.Where(c => c.Length == Limits.CountryCode).Take(Limits.ScopeCodes + 1).ToList();
        var regions = lookUpRegions.Count == 0 ? [] : await db.Regions.AsNoTracking()
            .Where(r => r.Level != RegionLevel.Global && lookUpRegions.Contains(r.Code)).Select(r => r.Code).ToListAsync(cancellationToken);
        var countries = lookUpCountries.Count == 0 ? [] : await db.Countries.AsNoTracking()
            .Where(c => lookUpCountries.Contains(c.Iso3)).Select(c => c.Iso3).ToListAsync(cancellationToken);
        return GeographicScope.Validate(input, regions.Contains, countries.Contains, errors);
    }
}
