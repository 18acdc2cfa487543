using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Common;
using WsisTracker.Core.Countries;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Indicators;

/// <summary>Indicator series: the import (all or nothing), the values filtered by country, region or grouping, and the aggregates.</summary>
public sealed class IndicatorService(WsisTrackerDbContext db, CountryService countries, TimeProvider time)
{
    public const string WorldBankAttribution = "World Bank, World Development Indicators; source: International Telecommunication Union. CC BY 4.0.";

    public const string AttributionRequired = "Give the attribution: who publishes the series, and under which licence.";

    /// <summary>The limit is <see cref="Limits.SourceNotes"/>, the column's length.</summary>
    public const string AttributionTooLong = "The attribution is too long: at most 4000 characters.";

    /// <summary>
    /// The rule of a series' attribution (who publishes it, its licence), shown wherever its values are: required,
    /// at most <see cref="Limits.SourceNotes"/> characters, plain text. Null when it holds, else the problem.
    /// </summary>
    public static string? CheckAttribution(string? attribution) =>
        string.IsNullOrWhiteSpace(attribution) ? AttributionRequired
        : attribution.Trim().Length > Limits.SourceNotes ? AttributionTooLong
        : !PlainText.IsValid(attribution) ? PlainText.Problem
        : null;

    public async Task<IReadOnlyList<IndicatorModel>> ListAsync(CancellationToken cancellationToken) =>
        await db.Indicators.AsNoTracking().OrderBy(i => i.Code)
            .Select(i => new IndicatorModel(i.Code, i.Name, i.Attribution, i.ImportedAt,
                db.IndicatorValues.Count(v => v.IndicatorCode == i.Code),
                db.IndicatorValues.Where(v => v.IndicatorCode == i.Code).Min(v => (int?)v.Year),
                db.IndicatorValues.Where(v => v.IndicatorCode == i.Code).Max(v => (int?)v.Year)))
            .ToListAsync(cancellationToken);

    /// <summary>Reads a World Bank CSV file and, when <paramref name="store"/> and it has no problem, replaces the series' values in one transaction.</summary>
    /// <remarks>The series is stored with <paramref name="attribution"/> (<see cref="CheckAttribution"/>); a new import replaces the one it had.</remarks>
    public async Task<IndicatorImport> ImportAsync(TextReader file, string attribution, bool store, CancellationToken cancellationToken)
    {
        var known = await db.Countries.Select(c => c.Iso3).ToHashSetAsync(StringComparer.Ordinal, cancellationToken);
        var parsed = WorldBankCsv.Parse(file, known);
        var years = parsed.Values.Select(v => v.Year).ToList();
        var result = new IndicatorImport(
            parsed.Code, parsed.Name, parsed.Values.Count, parsed.Values.Select(v => v.Iso3).Distinct().Count(),
            years.Count == 0 ? null : years.Min(), years.Count == 0 ? null : years.Max(), parsed.NotCountries, parsed.Problems, false)
        {
            AttributionProblem = CheckAttribution(attribution),
        };
        if (!parsed.Succeeded || result.AttributionProblem is not null || !store)
        {
            return result;
        }

        attribution = attribution.Trim();

        var ownTransaction = db.Database.CurrentTransaction is null;
        await using var transaction = ownTransaction ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.IndicatorValues.Where(v => v.IndicatorCode == parsed.Code).ExecuteDeleteAsync(cancellationToken);
        var indicator = await db.Indicators.SingleOrDefaultAsync(i => i.Code == parsed.Code, cancellationToken);
        if (indicator is null)
        {
            indicator = new Indicator { Code = parsed.Code, Name = parsed.Name, Attribution = attribution };
            db.Indicators.Add(indicator);
        }

        indicator.Name = parsed.Name;
        indicator.Attribution = attribution;
        indicator.ImportedAt = time.GetUtcNow();
        db.IndicatorValues.AddRange(parsed.Values.Select(v => new IndicatorValue { IndicatorCode = parsed.Code, CountryIso3 = v.Iso3, Year = v.Year, Value = v.Value }));
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        return result with { Stored = true };
    }

    public async Task<Result<IndicatorValues>> ValuesAsync(string code, IndicatorQuery query, CancellationToken cancellationToken)
    {
        var indicator = await db.Indicators.AsNoTracking().SingleOrDefaultAsync(i => i.Code == code, cancellationToken);
        if (indicator is null)
        {
            return Error.NotFound("Indicator", PlainText.Cut(code, 40));
        }

        var today = countries.Today;
        var values = db.IndicatorValues.AsNoTracking().Where(v => v.IndicatorCode == code);
        if (query.Country is { } country)
        {
            var iso3 = country.Trim().ToUpperInvariant();
            values = values.Where(v => v.CountryIso3 == iso3);
        }

        if (query.Region is { } region)
        {
            values = values.Where(v => db.Countries.Any(c => c.Iso3 == v.CountryIso3 && (c.RegionCode == region || c.SubRegionCode == region || c.IntermediateRegionCode == region)));
        }

        if (query.Grouping is { } grouping)
        {
            values = values.Where(v => db.GroupingMemberships.Any(m => m.CountryIso3 == v.CountryIso3 && m.GroupingCode == grouping
                && (m.From == null || m.From <= today) && (m.To == null || today < m.To)));
        }

        if (query.From is { } from)
        {
            values = values.Where(v => v.Year >= from);
        }

        if (query.To is { } to)
        {
            values = values.Where(v => v.Year <= to);
        }

        var points = await values.OrderBy(v => v.CountryIso3).ThenBy(v => v.Year).Select(v => new IndicatorPoint(v.CountryIso3, v.Year, v.Value)).ToListAsync(cancellationToken);
        return new IndicatorValues(indicator.Code, indicator.Name, indicator.Attribution, today, points.Count, points);
    }

    /// <summary>The indicator a commitment's target is read on, with the aggregates, or none when it has no link.</summary>
    public async Task<CommitmentIndicator?> ForCommitmentAsync(int commitmentId, CancellationToken cancellationToken)
    {
        var link = await db.Commitments.AsNoTracking().Where(c => c.Id == commitmentId && c.IndicatorCode != null)
            .Select(c => new { c.IndicatorCode, c.IndicatorTarget, c.IndicatorTargetYear }).SingleOrDefaultAsync(cancellationToken);
        if (link is null)
        {
            return null;
        }

        var aggregates = await AggregatesAsync(link.IndicatorCode!, cancellationToken);
        return aggregates.Succeeded ? new CommitmentIndicator(link.IndicatorTarget ?? 100, link.IndicatorTargetYear ?? 2030, aggregates.Value) : null;
    }

    /// <summary>The aggregates for the world, each M49 region and each grouping (as of today), by <see cref="Aggregation"/>.</summary>
    public async Task<Result<IndicatorAggregates>> AggregatesAsync(string code, CancellationToken cancellationToken)
    {
        var indicator = await db.Indicators.AsNoTracking().SingleOrDefaultAsync(i => i.Code == code, cancellationToken);
        if (indicator is null)
        {
            return Error.NotFound("Indicator", PlainText.Cut(code, 40));
        }

        var values = (await db.IndicatorValues.AsNoTracking().Where(v => v.IndicatorCode == code || v.IndicatorCode == Aggregation.WeightSeries)
            .Select(v => new { v.IndicatorCode, v.CountryIso3, v.Year, v.Value }).ToListAsync(cancellationToken));
        var series = values.Where(v => v.IndicatorCode == code).ToDictionary(v => (v.CountryIso3, v.Year), v => v.Value);
        var weightRows = values.Where(v => v.IndicatorCode == Aggregation.WeightSeries).ToList();
        var weights = code == Aggregation.WeightSeries || weightRows.Count == 0 ? null : weightRows.ToDictionary(v => (v.CountryIso3, v.Year), v => v.Value);

        var all = await countries.ListAsync(null, null, cancellationToken);
        var regions = await countries.RegionsAsync(cancellationToken);
        var list = all.Value!.Countries;
        var aggregates = new List<AggregateValue>
        {
            Aggregation.Compute("world", "World", list.Select(c => c.Iso3).ToHashSet(StringComparer.Ordinal), series, weights),
        };
        foreach (var region in regions.Where(r => r.Level == RegionLevel.Region))
        {
            aggregates.Add(Aggregation.Compute($"region:{region.Code}", region.Names.En, list.Where(c => c.RegionCode == region.Code).Select(c => c.Iso3).ToHashSet(StringComparer.Ordinal), series, weights));
        }

        foreach (var grouping in await countries.GroupingsAsync(cancellationToken))
        {
            aggregates.Add(Aggregation.Compute($"grouping:{grouping.Code}", grouping.Name, list.Where(c => c.Groupings.Contains(grouping.Code)).Select(c => c.Iso3).ToHashSet(StringComparer.Ordinal), series, weights));
        }

        return new IndicatorAggregates(indicator.Code, indicator.Name, indicator.Attribution, all.Value.AsOf, aggregates)
        {
            RegionNames = regions.Where(r => r.Level == RegionLevel.Region).ToDictionary(r => r.Code, r => r.Names, StringComparer.Ordinal),
        };
    }
}
