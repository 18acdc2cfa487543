using System.Data;
using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;
using WsisTracker.Core.Indicators;
using WsisTracker.Core.Resolutions;

namespace WsisTracker.Core.Commitments;

public enum CsvRowChange
{
    Unchanged,
    Created,
    Changed,
}

public sealed record CsvRowOutcome(int Row, int? Id, string Title, CsvRowChange Change);

public sealed record CsvCellError(int Row, string Column, string Message);

/// <summary>What an import did or would do: one outcome per data row, every error by row and column.</summary>
public sealed record CsvImportReport(IReadOnlyList<CsvRowOutcome> Rows, IReadOnlyList<CsvCellError> Errors, bool Applied)
{
    public int ChangeCount => Rows.Count(r => r.Change != CsvRowChange.Unchanged);
}

/// <summary>
/// The bulk round-trip of commitments as CSV. The export and the import share one list of columns, so their formats
/// cannot drift. Import validates every row through <see cref="CommitmentWrites"/> inside one transaction and
/// commits only when no row has an error. A preview applies the same rules but writes nothing, in a read-only
/// snapshot, so it holds no lock a concurrent write waits on. A row whose values equal the stored ones is not written at all, so exporting and importing without edits changes nothing. Each row carries the version
/// it was exported at: a commitment changed since then is reported, not overwritten.
/// The scope and the indicator link go through <see cref="GeographicScope.Validate"/> and
/// <see cref="IndicatorLink.Validate"/> like the other columns; a file may leave either group of columns out
/// (<see cref="OptionalColumns"/>), which keeps what is stored (decision 132).
/// Cells are written by the one CSV writer <see cref="Csv"/>: a cell a spreadsheet would run as a formula gets a
/// leading apostrophe, which the import removes again; such a cell without the apostrophe is refused.
/// </summary>
public sealed class CommitmentCsv(WsisTrackerDbContext db, CommitmentWrites writes)
{
    public const string Id = "id";
    public const string Version = "version";
    public const string Code = "code";
    public const string Title = "title";
    public const string Description = "description";
    public const string Paragraphs = "paragraphs";
    public const string ActionLines = "action_lines";
    public const string LeadStakeholders = "lead_stakeholders";
    public const string PartnerStakeholders = "partner_stakeholders";
    public const string TargetDate = "target_date";
    public const string TargetDateText = "target_date_text";
    public const string ReportingCadence = "reporting_cadence";
    public const string Status = "status";
    public const string ProgressPercent = "progress_percent";
    public const string WithdrawnAt = "withdrawn_at";
    public const string ScopeKind = "scope_kind";
    public const string ScopeRegions = "scope_regions";
    public const string ScopeCountries = "scope_countries";
    public const string IndicatorCode = "indicator_code";
    public const string IndicatorTarget = "indicator_target";
    public const string IndicatorTargetYear = "indicator_target_year";

    public const int MaxRows = 5_000;

    /// <summary>
    /// Every column, in order. <c>code</c>, <c>status</c>, <c>progress_percent</c> and <c>withdrawn_at</c> are
    /// read-only: they are exported for reference and must not be edited. The scope and the indicator columns come
    /// last (decision 132): a file exported before them has the columns up to <c>withdrawn_at</c>.
    /// </summary>
    public static readonly IReadOnlyList<string> Columns =
        [Id, Version, Code, Title, Description, Paragraphs, ActionLines, LeadStakeholders, PartnerStakeholders, TargetDate, TargetDateText, ReportingCadence, Status, ProgressPercent, WithdrawnAt, ScopeKind, ScopeRegions, ScopeCountries, IndicatorCode, IndicatorTarget, IndicatorTargetYear];

    /// <summary>
    /// The groups of columns a file may leave out, each as a whole (decision 132): a file without a group keeps each
    /// commitment's scope or indicator link as it is, so a file exported before the group existed still imports.
    /// </summary>
    public static readonly IReadOnlyList<IReadOnlyList<string>> OptionalColumns =
        [[ScopeKind, ScopeRegions, ScopeCountries], [IndicatorCode, IndicatorTarget, IndicatorTargetYear]];

    /// <summary>
    /// A target year cell that is not a whole number: given to <see cref="IndicatorLink.Validate"/> as a year outside
    /// its range, so the rule's one message reports it under <c>indicator_target_year</c>.
    /// </summary>
    private const int NotAYear = int.MinValue;

    public static readonly IReadOnlyList<string> ProgressColumns =
        ["commitment_id", "commitment_code", "as_of", "status", "progress_percent", "note", "evidence_links", "author", "recorded_at"];

    private static readonly CsvReaderOptions ReaderOptions = Csv.Reading with { HasHeader = true, FieldCountMismatch = CsvFieldCountHandling.Throw };

    private static readonly string[] ReadOnlyColumns = [Code, Status, ProgressPercent, WithdrawnAt];

    private static readonly Dictionary<string, string> FieldColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["title"] = Title,
        ["description"] = Description,
        ["paragraphs"] = Paragraphs,
        ["actionLines"] = ActionLines,
        ["leadStakeholders"] = LeadStakeholders,
        ["partnerStakeholders"] = PartnerStakeholders,
        ["targetDate"] = TargetDate,
        ["targetDateText"] = TargetDateText,
        ["reportingCadence"] = ReportingCadence,
        [GeographicScope.KindField] = ScopeKind,
        [GeographicScope.RegionsField] = ScopeRegions,
        [GeographicScope.CountriesField] = ScopeCountries,
        ["indicator"] = IndicatorCode,
        ["indicator.code"] = IndicatorCode,
        ["indicator.target"] = IndicatorTarget,
        ["indicator.targetYear"] = IndicatorTargetYear,
    };

    public async Task ExportCommitmentsAsync(TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(Csv.Row(Columns).AsMemory(), cancellationToken);
        foreach (var row in await LoadRowsAsync(null, cancellationToken))
        {
            await output.WriteAsync(Csv.Row(Columns.Select(c => row[c])).AsMemory(), cancellationToken);
        }
    }

    public async Task ExportProgressAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var updates = await db.ProgressUpdates.AsNoTracking()
            .OrderBy(u => u.CommitmentId).ThenBy(u => u.AsOf).ThenBy(u => u.Id)
            .Select(u => new { u.CommitmentId, Code = db.Commitments.Where(c => c.Id == u.CommitmentId).Select(c => c.Code).First(), u.AsOf, u.Status, u.ProgressPercent, u.Note, u.EvidenceLinks, Author = ProgressUpdate.PublicAuthor(u.ReportingStakeholder!.Name), u.RecordedAt })
            .ToListAsync(cancellationToken);
        await output.WriteAsync(Csv.Row(ProgressColumns).AsMemory(), cancellationToken);
        foreach (var u in updates)
        {
            string?[] fields =
            [
                u.CommitmentId.ToString(CultureInfo.InvariantCulture), u.Code, u.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), u.Status.ToString(),
                u.ProgressPercent?.ToString(CultureInfo.InvariantCulture), u.Note, string.Join(' ', u.EvidenceLinks), u.Author, u.RecordedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ];
            await output.WriteAsync(Csv.Row(fields).AsMemory(), cancellationToken);
        }
    }

    /// <summary>
    /// Checks and (when <paramref name="apply"/>) applies an edited commitments CSV, all or nothing. Every row goes
    /// through the rules even when another row has failed, so one pass reports every error.
    /// </summary>
    public async Task<CsvImportReport> ImportAsync(TextReader input, bool apply, CancellationToken cancellationToken)
    {
        var errors = new List<CsvCellError>();
        var rows = Read(input, errors);
        if (rows.Count == 0 && errors.Count > 0)
        {
            return new CsvImportReport([], errors, false);
        }

        var ids = rows.Select(r => r.Id).OfType<int>().ToList();
        await using var transaction = apply
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : await BeginSnapshotAsync(cancellationToken);
        var stored = (await LoadRowsAsync(ids, cancellationToken)).ToDictionary(r => int.Parse(r[Id], CultureInfo.InvariantCulture));
        var outcomes = new List<CsvRowOutcome>();
        foreach (var row in rows)
        {
            outcomes.Add(await CheckRowAsync(row, stored, errors, apply, cancellationToken));
        }

        if (apply && errors.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return new CsvImportReport(outcomes, errors, true);
        }

        await transaction.RollbackAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new CsvImportReport(outcomes, errors, false);
    }

    /// <summary>
    /// The transaction of a preview: one snapshot (REPEATABLE READ), so every row is checked against the same state,
    /// and READ ONLY, so it takes no row lock a progress write would wait on (issue 13); PostgreSQL refuses any write.
    /// </summary>
    private async Task<IDbContextTransaction> BeginSnapshotAsync(CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", cancellationToken);
        return transaction;
    }

    /// <summary>Checks one row through the rules of <see cref="CommitmentWrites"/>; writes it only when <paramref name="write"/>.</summary>
    private async Task<CsvRowOutcome> CheckRowAsync(CsvRow row, Dictionary<int, Dictionary<string, string>> stored, List<CsvCellError> errors, bool write, CancellationToken cancellationToken)
    {
        var title = row.Values[Title];
        if (row.Id is not { } id)
        {
            foreach (var column in ReadOnlyColumns.Where(c => row.Values[c].Length > 0))
            {
                errors.Add(new CsvCellError(row.Number, column, "Leave this column empty for a new commitment; it is read-only."));
            }

            var input = ToInput(row.Values, []);
            if (!write)
            {
                Report(await writes.CheckCreateAsync(input, cancellationToken), row.Number, errors);
                return new CsvRowOutcome(row.Number, null, title, CsvRowChange.Created);
            }

            var created = await writes.CreateAsync(input, cancellationToken);
            Report(created.Error, row.Number, errors);
            return new CsvRowOutcome(row.Number, created.Value?.Id, title, CsvRowChange.Created);
        }

        if (!stored.TryGetValue(id, out var current))
        {
            errors.Add(new CsvCellError(row.Number, Id, $"There is no commitment {id}; leave the id empty to create one."));
            return new CsvRowOutcome(row.Number, id, title, CsvRowChange.Unchanged);
        }

        foreach (var column in ReadOnlyColumns.Where(c => row.Values[c] != current[c]))
        {
            errors.Add(new CsvCellError(row.Number, column, $"This column is read-only (it was '{current[column]}'); status and progress change through Record progress."));
        }

        var editable = row.Values.Keys.Except(ReadOnlyColumns).Except([Id, Version]);
        if (editable.All(c => Normalise(c, row.Values[c]) == Normalise(c, current[c])))
        {
            return new CsvRowOutcome(row.Number, id, title, CsvRowChange.Unchanged);
        }

        if (!uint.TryParse(row.Values[Version], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            errors.Add(new CsvCellError(row.Number, Version, "Keep the version number the export wrote."));
            return new CsvRowOutcome(row.Number, id, title, CsvRowChange.Changed);
        }

        var milestones = await db.Milestones.AsNoTracking().Where(m => m.CommitmentId == id).OrderBy(m => m.Order)
            .Select(m => new MilestoneInput(m.Title, m.DueDate, m.CompletedDate)).ToListAsync(cancellationToken);
        var revision = ToInput(row.Values, milestones);
        if (!row.Values.ContainsKey(IndicatorCode))
        {
            // A file without the indicator columns keeps the link the commitment has (a revision without one removes it).
            revision = revision with
            {
                Indicator = await db.Commitments.AsNoTracking().Where(c => c.Id == id && c.IndicatorCode != null)
                    .Select(c => new IndicatorLinkInput(c.IndicatorCode, c.IndicatorTarget, c.IndicatorTargetYear)).SingleOrDefaultAsync(cancellationToken),
            };
        }

        var error = write
            ? (await writes.ReviseAsync(id, revision, version, cancellationToken)).Error
            : await writes.CheckReviseAsync(id, revision, version, cancellationToken);
        if (error is { Kind: ErrorKind.StaleVersion })
        {
            errors.Add(new CsvCellError(row.Number, Version, "The commitment was changed by someone else after this export; export again and redo this row."));
        }
        else
        {
            Report(error, row.Number, errors);
        }

        return new CsvRowOutcome(row.Number, id, title, CsvRowChange.Changed);
    }

    private static void Report(Error? error, int row, List<CsvCellError> errors)
    {
        if (error is null)
        {
            return;
        }

        if (error.FieldErrors is not { Count: > 0 } fields)
        {
            errors.Add(new CsvCellError(row, Id, error.Message));
            return;
        }

        foreach (var (field, messages) in fields)
        {
            var column = FieldColumns.TryGetValue(field, out var c) ? c : field;
            errors.AddRange(messages.Select(m => new CsvCellError(row, column, m)));
        }
    }

    /// <summary>
    /// The row as an input. Without the scope columns the scope is null (kept as it is; global for a new commitment);
    /// without the indicator columns the link is null (the caller keeps a stored one).
    /// </summary>
    private static CommitmentInput ToInput(Dictionary<string, string> values, IReadOnlyList<MilestoneInput> milestones) => new(
        values[Title],
        values[Description],
        List(values[Paragraphs]).Select(ParagraphSearch.ParseKey).OfType<ParagraphKey>().ToList(),
        List(values[ActionLines]),
        List(values[LeadStakeholders]),
        List(values[PartnerStakeholders]),
        DateOnly.TryParseExact(values[TargetDate], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
        values[TargetDateText],
        Enum.TryParse<ReportingCadence>(values[ReportingCadence], ignoreCase: true, out var cadence) ? cadence : null,
        milestones)
    {
        Scope = values.ContainsKey(ScopeKind) ? ScopeOf(values) : null,
        Indicator = values.ContainsKey(IndicatorCode) ? IndicatorOf(values) : null,
    };

    /// <summary>
    /// The scope of a row, for <see cref="GeographicScope.Validate"/>: the kind by its name in any case; an empty kind
    /// with no codes is global (what a new commitment gets), while an empty or unknown kind with codes is given to
    /// the rule as no kind, which refuses it under <c>scope_kind</c>.
    /// </summary>
    private static GeographicScopeInput ScopeOf(Dictionary<string, string> values)
    {
        var regions = List(values[ScopeRegions]);
        var countries = List(values[ScopeCountries]);
        var kind = KindOf(values[ScopeKind]) ?? (values[ScopeKind].Trim().Length == 0 && regions.Count == 0 && countries.Count == 0 ? GeographicScopeKind.Global : null);
        return new GeographicScopeInput(kind, regions, countries);
    }

    private static GeographicScopeKind? KindOf(string cell) =>
        Enum.GetValues<GeographicScopeKind>().Cast<GeographicScopeKind?>().FirstOrDefault(k => string.Equals(k.ToString(), cell.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The indicator link of a row, for <see cref="IndicatorLink.Validate"/>: all three cells empty is no link. A target
    /// that is not a number is given to the rule as NaN and a year that is not a whole number as <see cref="NotAYear"/>,
    /// so the rule's own messages report them.
    /// </summary>
    private static IndicatorLinkInput IndicatorOf(Dictionary<string, string> values)
    {
        var code = values[IndicatorCode].Trim();
        var target = values[IndicatorTarget].Trim();
        var year = values[IndicatorTargetYear].Trim();
        return new IndicatorLinkInput(
            code.Length > 0 ? code : null,
            target.Length == 0 ? null : ParseTarget(target) ?? double.NaN,
            year.Length == 0 ? null : ParseYear(year) ?? NotAYear);
    }

    private static double? ParseTarget(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static int? ParseYear(string cell) =>
        int.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static List<string> List(string cell) =>
        cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string Normalise(string column, string value) => column switch
    {
        Paragraphs or ActionLines or LeadStakeholders or PartnerStakeholders or ScopeRegions => string.Join(';', List(value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
        ScopeCountries => string.Join(';', List(value).Select(c => c.ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
        ScopeKind => value.Trim().Length == 0 ? nameof(GeographicScopeKind.Global) : KindOf(value)?.ToString() ?? value.Trim(),
        IndicatorCode => value.Trim().ToUpperInvariant(),
        IndicatorTarget => ParseTarget(value.Trim())?.ToString(CultureInfo.InvariantCulture) ?? value.Trim(),
        IndicatorTargetYear => ParseYear(value.Trim())?.ToString(CultureInfo.InvariantCulture) ?? value.Trim(),
        _ => value.Trim(),
    };

    private sealed record CsvRow(int Number, int? Id, Dictionary<string, string> Values);

    /// <summary>Reads the rows, checking the header, the form of each cell and the few things that are not rules of a commitment.</summary>
    private static List<CsvRow> Read(TextReader input, List<CsvCellError> errors)
    {
        var rows = new List<CsvRow>();
        using var csv = CsvReader.Create(input, ReaderOptions, leaveOpen: true);
        try
        {
            csv.ReadHeader();
            var header = csv.Headers;
            if (header.Count == 0)
            {
                errors.Add(new CsvCellError(1, "", "The file is empty; export first and edit that file."));
                return rows;
            }

            // A group of optional columns is left out as a whole or given as a whole.
            var present = Columns.Except(OptionalColumns.Where(g => !g.Any(header.Contains)).SelectMany(g => g)).ToList();
            var missing = present.Except(header, StringComparer.Ordinal).ToList();
            var unknown = header.Except(Columns, StringComparer.Ordinal).ToList();
            if (missing.Count > 0 || unknown.Count > 0)
            {
                errors.AddRange(missing.Select(c => new CsvCellError(1, c, "This column is missing; keep every column of the export.")));
                errors.AddRange(unknown.Select(c => new CsvCellError(1, c, "This is not a column of the export.")));
                return rows;
            }

            while (csv.Read())
            {
                var number = (int)csv.RowNumber + 1;
                if (rows.Count >= MaxRows)
                {
                    errors.Add(new CsvCellError(number, "", $"At most {MaxRows} rows at a time."));
                    break;
                }

                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var column in present)
                {
                    // Browsers and spreadsheets turn line breaks inside cells into CRLF; the stored text uses LF.
                    var cell = (csv.GetString(column) ?? "").ReplaceLineEndings("\n");
                    var restored = Csv.Restore(cell);
                    if (restored.Length != cell.Length)
                    {
                        cell = restored;
                    }
                    else if (Csv.IsFormula(cell))
                    {
                        errors.Add(new CsvCellError(number, column, "The cell starts like a spreadsheet formula (=, +, -, @); formulas are not accepted. Put an apostrophe before it if it is text."));
                    }

                    if (!PlainText.IsValid(cell))
                    {
                        // Reported, then cleaned so the row's other checks still run without sending the character to PostgreSQL.
                        errors.Add(new CsvCellError(number, column, PlainText.Problem));
                        cell = PlainText.Clean(cell);
                    }

                    values[column] = cell;
                }

                int? id = null;
                if (values[Id].Length > 0)
                {
                    if (int.TryParse(values[Id], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                    {
                        id = parsed;
                    }
                    else
                    {
                        errors.Add(new CsvCellError(number, Id, "The id is a whole number, or empty for a new commitment."));
                    }
                }

                if (values[TargetDate].Length > 0 && !DateOnly.TryParseExact(values[TargetDate], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    errors.Add(new CsvCellError(number, TargetDate, "Write the date as yyyy-MM-dd, e.g. 2030-12-31."));
                }

                if (values[ReportingCadence].Length > 0 && !Enum.TryParse<ReportingCadence>(values[ReportingCadence], ignoreCase: true, out _))
                {
                    errors.Add(new CsvCellError(number, ReportingCadence, $"One of {string.Join(", ", Enum.GetNames<ReportingCadence>())}, or empty."));
                }

                foreach (var key in List(values[Paragraphs]).Where(k => ParagraphSearch.ParseKey(k) is null))
                {
                    errors.Add(new CsvCellError(number, Paragraphs, $"'{key}' is not a paragraph key such as a-res-70-125:63, a-res-80-3:annex:13 or a-res-80-3:annex:13(b)."));
                }

                if (id is { } i && rows.Any(r => r.Id == i))
                {
                    errors.Add(new CsvCellError(number, Id, $"Commitment {i} appears on more than one row."));
                }

                rows.Add(new CsvRow(number, id, values));
            }
        }
        catch (CsvFormatException e)
        {
            errors.Add(new CsvCellError((int)e.RecordNumber + 1, "", $"The file is not valid CSV here ({e.Message}). Save it again as CSV (UTF-8, comma-separated)."));
        }

        return rows;
    }

    private async Task<List<Dictionary<string, string>>> LoadRowsAsync(List<int>? ids, CancellationToken cancellationToken)
    {
        var query = db.Commitments.AsNoTracking();
        if (ids is not null)
        {
            query = query.Where(c => ids.Contains(c.Id));
        }

        var rows = await query.OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Id,
                c.Version,
                c.Code,
                c.Title,
                c.Description,
                Paragraphs = c.Paragraphs.OrderBy(p => p.Paragraph!.Resolution!.AdoptionDate).ThenBy(p => p.Paragraph!.Order)
                    .Select(p => new { p.Paragraph!.Resolution!.Slug, p.Paragraph.Part, p.Paragraph.Number, p.SubParagraph }).ToList(),
                ActionLines = c.ActionLines.OrderBy(a => a.ActionLine!.Order).Select(a => a.ActionLine!.Code).ToList(),
                Leads = c.Stakeholders.Where(s => s.Role == StakeholderRole.Lead).OrderBy(s => s.Stakeholder!.Slug).Select(s => s.Stakeholder!.Slug).ToList(),
                Partners = c.Stakeholders.Where(s => s.Role == StakeholderRole.Partner).OrderBy(s => s.Stakeholder!.Slug).Select(s => s.Stakeholder!.Slug).ToList(),
                c.TargetDate,
                c.TargetDateText,
                c.ReportingCadence,
                c.Status,
                c.ProgressPercent,
                c.WithdrawnAt,
                c.ScopeKind,
                c.ScopeRegions,
                c.ScopeCountries,
                c.IndicatorCode,
                c.IndicatorTarget,
                c.IndicatorTargetYear,
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return rows.Select(c => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Id] = c.Id.ToString(CultureInfo.InvariantCulture),
            [Version] = c.Version.ToString(CultureInfo.InvariantCulture),
            [Code] = c.Code,
            [Title] = c.Title,
            [Description] = c.Description,
            [Paragraphs] = string.Join(';', c.Paragraphs.Select(p => ParagraphSearch.FormatKey(p.Slug, p.Part, p.Number, p.SubParagraph))),
            [ActionLines] = string.Join(';', c.ActionLines),
            [LeadStakeholders] = string.Join(';', c.Leads),
            [PartnerStakeholders] = string.Join(';', c.Partners),
            [TargetDate] = c.TargetDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            [TargetDateText] = c.TargetDateText ?? "",
            [ReportingCadence] = c.ReportingCadence?.ToString() ?? "",
            [Status] = c.Status.ToString(),
            [ProgressPercent] = c.ProgressPercent?.ToString(CultureInfo.InvariantCulture) ?? "",
            [WithdrawnAt] = c.WithdrawnAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "",
            [ScopeKind] = c.ScopeKind.ToString(),
            [ScopeRegions] = string.Join(';', c.ScopeRegions),
            [ScopeCountries] = string.Join(';', c.ScopeCountries),
            [IndicatorCode] = c.IndicatorCode ?? "",
            [IndicatorTarget] = c.IndicatorTarget?.ToString(CultureInfo.InvariantCulture) ?? "",
            [IndicatorTargetYear] = c.IndicatorTargetYear?.ToString(CultureInfo.InvariantCulture) ?? "",
        }).ToList();
    }
}
