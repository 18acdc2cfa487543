using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using WsisTracker.Core.ActionLines;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Countries;
using WsisTracker.Core.Indicators;
using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Resolutions.Parsing;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Core.Data.Seeding;

/// <summary>
/// Applies migrations and loads the reference data: action lines, stakeholders, the resolutions and the commitments
/// read from them. Idempotent (it adds only what is missing, matched on stable keys) and all or nothing: any problem
/// in the shipped data throws, and the transaction leaves the database as it was.
/// </summary>
public sealed class DatabaseSeeder(WsisTrackerDbContext db, TimeProvider time, ILogger<DatabaseSeeder> logger)
{
    /// <summary>Session advisory lock that serialises migrate-and-seed across instances starting together.</summary>
    private const long SeedLockKey = 7_012_520_173;

    public const string SeedAuthor = "WSIS Tracker seed";

    public async Task MigrateAndSeedAsync(CancellationToken cancellationToken)
    {
        await EnsureDatabaseExistsAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({SeedLockKey})", cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            await SeedAsync(cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({SeedLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task EnsureDatabaseExistsAsync(CancellationToken cancellationToken)
    {
        var creator = db.Database.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            logger.LogInformation("Database was created by another instance starting at the same time.");
        }
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();

        await SeedCountriesAsync(cancellationToken);
        await SeedIndicatorsAsync(cancellationToken);
        var stakeholders = await SeedStakeholdersAsync(cancellationToken);
        await SeedActionLinesAsync(stakeholders, cancellationToken);
        foreach (var (textFile, _) in SeedFiles.Resolutions)
        {
            await SeedResolutionAsync(textFile, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (_, commitmentsFile) in SeedFiles.Resolutions)
        {
            await SeedCommitmentsAsync(commitmentsFile, stakeholders, now, cancellationToken);
        }

        await SeedIndicatorLinksAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>Links the seeded commitments whose text sets a connectivity goal to their indicator, once (only a commitment with no link yet).</summary>
    private async Task SeedIndicatorLinksAsync(CancellationToken cancellationToken)
    {
        var links = SeedFiles.Read<IndicatorLinkFileSeed>(SeedFiles.IndicatorLinks).Links;
        var keys = links.Select(l => l.Commitment).ToList();
        var commitments = await db.Commitments.Where(c => keys.Contains(c.Code) && c.IndicatorCode == null).ToListAsync(cancellationToken);
        foreach (var commitment in commitments)
        {
            var link = links.Single(l => l.Commitment == commitment.Code);
            commitment.IndicatorCode = link.Indicator;
            commitment.IndicatorTarget = link.Target;
            commitment.IndicatorTargetYear = link.Year;
        }

        await db.SaveChangesAsync(cancellationToken);
        LogAdded(commitments.Count, "indicator links");
    }

    /// <summary>
    /// The M49 areas and countries (added when missing, never changed), and the groupings: a grouping's memberships are
    /// seeded once, with the grouping (the files' marks and the documented graduations), and are the secretariat's
    /// data from then on, so a membership the secretariat ends or removes stays so (decision 110).
    /// </summary>
    private async Task SeedCountriesAsync(CancellationToken cancellationToken)
    {
        var m49 = M49Files.Read();
        var regions = await db.Regions.Select(r => r.Code).ToHashSetAsync(StringComparer.Ordinal, cancellationToken);
        var newRegions = m49.Regions.Where(r => !regions.Contains(r.Code)).ToList();
        db.Regions.AddRange(newRegions);
        var countries = await db.Countries.Select(c => c.Iso3).ToHashSetAsync(StringComparer.Ordinal, cancellationToken);
        var newCountries = m49.Countries.Where(c => !countries.Contains(c.Iso3)).ToList();
        db.Countries.AddRange(newCountries);
        countries.UnionWith(newCountries.Select(c => c.Iso3));

        var file = SeedFiles.Read<GroupingFileSeed>(SeedFiles.Groupings);
        var groupings = await db.Groupings.Select(g => g.Code).ToHashSetAsync(StringComparer.Ordinal, cancellationToken);
        var memberships = 0;
        foreach (var seed in file.Groupings.Where(g => !groupings.Contains(g.Code)))
        {
            db.Groupings.Add(new Grouping { Code = seed.Code, Name = seed.Name, Source = seed.Source });
            var changes = file.Changes.Where(c => c.Grouping == seed.Code).ToDictionary(c => c.Country, StringComparer.Ordinal);
            var members = m49.Memberships.Where(m => m.Grouping == seed.Code).Select(m => m.Iso3).Union(changes.Keys, StringComparer.Ordinal);
            foreach (var iso3 in members)
            {
                if (!countries.Contains(iso3))
                {
                    throw new InvalidOperationException($"{SeedFiles.Groupings} names country {iso3}, which is not in the M49 files.");
                }

                var change = changes.GetValueOrDefault(iso3);
                db.GroupingMemberships.Add(new GroupingMembership
                {
                    CountryIso3 = iso3,
                    GroupingCode = seed.Code,
                    From = change?.From,
                    To = change?.To,
                    Source = change?.Source ?? "Marked in the UNSD M49 export of 2024-09-25.",
                });
                memberships++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        LogAdded(newRegions.Count, "M49 areas");
        LogAdded(newCountries.Count, "countries");
        LogAdded(memberships, "grouping memberships");
    }

    /// <summary>The shipped ITU series (World Bank download), imported once when it is missing.</summary>
    private async Task SeedIndicatorsAsync(CancellationToken cancellationToken)
    {
        if (await db.Indicators.AnyAsync(i => i.Code == SeedFiles.InternetUseCode, cancellationToken))
        {
            return;
        }

        using var reader = new StreamReader(SeedData.Open(SeedFiles.InternetUse));
        var imported = await new IndicatorService(db, new CountryService(db, time), time).ImportAsync(reader, IndicatorService.WorldBankAttribution, store: true, cancellationToken);
        if (!imported.Stored)
        {
            throw new InvalidOperationException($"{SeedFiles.InternetUse} does not import: " + string.Join("; ", imported.Problems.Select(p => $"line {p.Line}: {p.Message}")));
        }

        LogAdded(imported.Values, $"values of {imported.Code}");
    }

    private async Task<Dictionary<string, Stakeholder>> SeedStakeholdersAsync(CancellationToken cancellationToken)
    {
        var seeds = SeedFiles.Read<List<StakeholderSeed>>(SeedFiles.Stakeholders);
        var existing = await db.Stakeholders.ToDictionaryAsync(s => s.Slug, StringComparer.Ordinal, cancellationToken);
        var added = 0;
        foreach (var seed in seeds.Where(seed => !existing.ContainsKey(seed.Slug)))
        {
            var stakeholder = new Stakeholder
            {
                Slug = seed.Slug,
                Name = seed.Name,
                Acronym = seed.Acronym,
                Group = seed.Group,
                CountryCode = seed.Country?.ToUpperInvariant(),
                IsCollective = seed.Collective,
                Website = seed.Website,
            };
            db.Stakeholders.Add(stakeholder);
            existing[seed.Slug] = stakeholder;
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        LogAdded(added, "stakeholders");

        var byFacilitatorAcronym = new Dictionary<string, Stakeholder>(StringComparer.OrdinalIgnoreCase);
        foreach (var seed in seeds)
        {
            byFacilitatorAcronym[seed.FacilitatorAcronym ?? seed.Acronym ?? seed.Slug] = existing[seed.Slug];
        }

        foreach (var pair in existing)
        {
            byFacilitatorAcronym.TryAdd(pair.Key, pair.Value);
        }

        return byFacilitatorAcronym;
    }

    private async Task SeedActionLinesAsync(Dictionary<string, Stakeholder> stakeholders, CancellationToken cancellationToken)
    {
        var seeds = SeedFiles.Read<List<ActionLineSeed>>(SeedFiles.ActionLines);
        var existing = await db.ActionLines.Select(a => a.Code).ToHashSetAsync(StringComparer.Ordinal, cancellationToken);
        var order = 0;
        var added = 0;
        foreach (var seed in seeds)
        {
            order++;
            var parent = existing.Contains(seed.Code) ? null : ToActionLine(seed, order, stakeholders);
            if (parent is not null)
            {
                db.ActionLines.Add(parent);
                added++;
            }

            var subOrder = 0;
            foreach (var sub in seed.SubLines ?? [])
            {
                subOrder++;
                if (existing.Contains(sub.Code))
                {
                    continue;
                }

                var line = ToActionLine(sub, (order * 100) + subOrder, stakeholders);
                line.Parent = parent ?? await db.ActionLines.SingleAsync(a => a.Code == seed.Code, cancellationToken);
                db.ActionLines.Add(line);
                added++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        LogAdded(added, "action lines");
    }

    private static ActionLine ToActionLine(ActionLineSeed seed, int order, Dictionary<string, Stakeholder> stakeholders)
    {
        Stakeholder Find(string acronym) => stakeholders.TryGetValue(acronym, out var s)
            ? s
            : throw new InvalidOperationException($"Action line {seed.Code} names facilitator '{acronym}', which is not in {SeedFiles.Stakeholders}.");

        return new ActionLine
        {
            Code = seed.Code,
            Title = seed.Title,
            AlternateTitles = seed.AlternateTitles ?? [],
            Order = order,
            Sdgs = seed.Sdgs ?? [],
            SdgTargets = (seed.SdgTargets ?? []).SelectMany(t => t.Targets).ToList(),
            ProvenanceNotes = seed.Notes,
            Sources = seed.Sources ?? [],
            Facilitators =
            [
                .. seed.Facilitators.Select(f => new ActionLineFacilitator { Stakeholder = Find(f), Role = FacilitatorRole.Facilitator }),
                .. seed.CoFacilitators.Select(f => new ActionLineFacilitator { Stakeholder = Find(f), Role = FacilitatorRole.CoFacilitator }),
            ],
        };
    }

    private async Task SeedResolutionAsync(string textFile, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = ResolutionParser.Parse(SeedData.ReadText(textFile));
        if (!result.Succeeded)
        {
            var problems = string.Join("; ", result.Problems.Select(p => $"line {p.Line}: {p.Reason}"));
            throw new InvalidOperationException($"The shipped resolution text '{textFile}' does not parse: {problems}");
        }

        var parsed = result.Resolution!;
        if (await db.Resolutions.AnyAsync(r => r.Symbol == parsed.Symbol, cancellationToken))
        {
            return;
        }

        db.Resolutions.Add(ParsedResolutionMapping.ToEntity(parsed, "en", now));
        logger.LogInformation("Seeded resolution {Symbol} with {Paragraphs} paragraphs.", parsed.Symbol, parsed.Paragraphs.Count);
    }

    private async Task SeedCommitmentsAsync(string fileName, Dictionary<string, Stakeholder> stakeholders, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var file = SeedFiles.Read<CommitmentFileSeed>(fileName);
        var resolution = await db.Resolutions.SingleOrDefaultAsync(r => r.Symbol == file.Resolution, cancellationToken)
            ?? throw new InvalidOperationException($"{fileName} cites resolution {file.Resolution}, which is not seeded.");
        var paragraphs = await db.Paragraphs
            .Where(p => p.ResolutionId == resolution.Id && p.Kind == ParagraphKind.Operative && p.Part == null)
            .ToDictionaryAsync(p => p.Number!.Value, cancellationToken);
        var actionLines = await db.ActionLines.ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, cancellationToken);
        var existing = await db.Commitments.ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, cancellationToken);

        var added = 0;
        foreach (var seed in file.Commitments.Where(seed => !existing.ContainsKey(seed.Key)))
        {
            T Find<T>(Dictionary<string, T> map, string key, string what) => map.TryGetValue(key, out var value)
                ? value
                : throw new InvalidOperationException($"Commitment {seed.Key} in {fileName} names unknown {what} '{key}'.");

            var commitment = new Commitment
            {
                Code = seed.Key,
                Title = seed.Title,
                Description = seed.Description,
                TargetDate = seed.TargetDate,
                TargetDateText = seed.DateText,
                ReportingCadence = seed.ReportingCadence,
                CreatedAt = now,
                UpdatedAt = now,
                Paragraphs = seed.Paragraphs
                    .Select(n => new CommitmentParagraph { Paragraph = paragraphs.TryGetValue(n, out var p) ? p : throw new InvalidOperationException($"Commitment {seed.Key} cites paragraph {n}, which {file.Resolution} does not have.") })
                    .ToList(),
                ActionLines = seed.ActionLines.Select(code => new CommitmentActionLine { ActionLine = Find(actionLines, code, "action line") }).ToList(),
                Stakeholders =
                [
                    .. seed.Lead.Select(slug => new CommitmentStakeholder { Stakeholder = Find(stakeholders, slug, "stakeholder"), Role = StakeholderRole.Lead }),
                    .. seed.Partners.Except(seed.Lead).Select(slug => new CommitmentStakeholder { Stakeholder = Find(stakeholders, slug, "stakeholder"), Role = StakeholderRole.Partner }),
                ],
                Lineage = (seed.Lineage ?? [])
                    .Select(l => new CommitmentLineage { EarlierCommitment = Find(existing, l.Of, "earlier commitment"), Kind = l.Kind, Evidence = l.Paragraphs })
                    .ToList(),
            };

            foreach (var progress in seed.SeedProgress ?? [])
            {
                var cited = (progress.CitesParagraphs ?? []).Where(c => c.Paragraph is not null).Select(c => $"{c.Resolution}, paragraph {c.Paragraph}");
                var note = string.Join(" ", [progress.Note, .. cited.Select(c => $"See {c}.")]);
                var recorded = commitment.RecordProgress(
                    new RecordProgressInput(progress.Status, progress.ProgressPercent, note, progress.Evidence, progress.AsOf),
                    SeedAuthor,
                    now);
                if (!recorded.Succeeded)
                {
                    throw new InvalidOperationException($"Seed progress of {seed.Key} breaks a rule: {recorded.Error.Message} {string.Join(" ", recorded.Error.FieldErrors?.SelectMany(f => f.Value) ?? [])}");
                }
            }

            db.Commitments.Add(commitment);
            existing[seed.Key] = commitment;
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        LogAdded(added, $"commitments from {file.Resolution}");
    }

    private void LogAdded(int count, string what)
    {
        if (count > 0)
        {
            logger.LogInformation("Seeded {Count} {What}.", count, what);
        }
    }
}
