using System.Globalization;
using WsisTracker.Core.Common;

namespace WsisTracker.Core.Indicators;

/// <summary>A problem of an imported file, by its line.</summary>
public sealed record ImportProblem(int Line, string Message);

/// <summary>What a World Bank CSV file holds: its one series, the countries' values, and the rows that are not countries.</summary>
public sealed record ParsedSeries(
    string Code,
    string Name,
    IReadOnlyList<(string Iso3, int Year, double Value)> Values,
    IReadOnlyList<string> NotCountries,
    IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Reads the World Bank's CSV download format (<c>API_&lt;code&gt;.csv</c>): optional preamble lines (<c>"Data
/// Source"</c>, <c>"Last Updated Date"</c>), then a header <c>Country Name, Country Code, Indicator Name, Indicator
/// Code</c> and one column per year, then one row per country or World Bank aggregate (WLD, LDC, ...). Rows whose
/// code is not a country of the M49 list are aggregates: counted and left out. Every problem is reported with its
/// line; a file with any problem imports nothing (all or nothing).
/// </summary>
public static class WorldBankCsv
{
    public const int MaxRows = 2_000;

    private static readonly string[] Leading = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"];

    public static ParsedSeries Parse(TextReader input, IReadOnlySet<string> countries)
    {
        var problems = new List<ImportProblem>();
        List<(int Line, string[] Cells)> rows;
        try
        {
            rows = Csv.Records(input);
        }
        catch (Exception e) when (e is CsvHelper.CsvFormatException or FormatException)
        {
            return new ParsedSeries("", "", [], [], [new ImportProblem(1, "The file is not valid CSV: " + e.Message)]);
        }

        var headerIndex = rows.FindIndex(r => r.Cells.Length >= 4 && r.Cells.Take(4).Select(c => c.Trim().TrimStart('\uFEFF')).SequenceEqual(Leading));
        if (headerIndex < 0)
        {
            return new ParsedSeries("", "", [], [], [new ImportProblem(1, "No header row: the World Bank format starts its table with Country Name, Country Code, Indicator Name, Indicator Code and the years.")]);
        }

        var (headerLine, header) = rows[headerIndex];
        var years = new List<int>();
        for (var i = 4; i < header.Length; i++)
        {
            if (header[i].Trim().Length == 0 && i == header.Length - 1)
            {
                break; // The World Bank's files end each line with a comma.
            }

            if (!int.TryParse(header[i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1900 or > 2100)
            {
                problems.Add(new ImportProblem(headerLine, $"Column {i + 1} of the header is '{Short(header[i])}', not a year."));
            }

            years.Add(year);
        }

        string? code = null;
        string? name = null;
        var values = new List<(string, int, double)>();
        var notCountries = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, cells) in rows.Skip(headerIndex + 1))
        {
            if (cells.All(c => c.Trim().Length == 0))
            {
                continue;
            }

            if (seen.Count >= MaxRows)
            {
                problems.Add(new ImportProblem(line, $"At most {MaxRows} rows."));
                break;
            }

            if (cells.Length < 4 + years.Count || cells.Skip(4 + years.Count).Any(c => c.Trim().Length > 0))
            {
                problems.Add(new ImportProblem(line, $"The row has {cells.Length} cells; the header has {4 + years.Count} (and perhaps a trailing empty one)."));
                continue;
            }

            var iso3 = cells[1].Trim();
            if (iso3.Length != 3 || !iso3.All(char.IsAsciiLetterUpper))
            {
                problems.Add(new ImportProblem(line, $"'{Short(iso3)}' is not a country code (three capital letters)."));
                continue;
            }

            if (!seen.Add(iso3))
            {
                problems.Add(new ImportProblem(line, $"{iso3} appears twice."));
                continue;
            }

            code ??= cells[3].Trim();
            name ??= cells[2].Trim();
            if (cells[3].Trim() != code)
            {
                problems.Add(new ImportProblem(line, $"The indicator code is '{Short(cells[3])}', not {code}: a file holds one series."));
                continue;
            }

            var isCountry = countries.Contains(iso3);
            if (!isCountry)
            {
                notCountries.Add(iso3);
            }

            for (var i = 0; i < years.Count; i++)
            {
                var cell = cells[4 + i].Trim();
                if (cell.Length == 0)
                {
                    continue;
                }

                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    problems.Add(new ImportProblem(line, $"{iso3}, {years[i]}: '{Short(cell)}' is not a number."));
                    continue;
                }

                if (isCountry)
                {
                    values.Add((iso3, years[i], value));
                }
            }
        }

        if (code is null && problems.Count == 0)
        {
            problems.Add(new ImportProblem(headerLine, "The file has no rows."));
        }
        else if (code is not null && (code.Length is 0 or > 32 || name!.Length is 0 or > 200))
        {
            problems.Add(new ImportProblem(headerLine + 1, "The indicator code (at most 32 characters) and name (at most 200) must be given."));
        }

        return new ParsedSeries(code ?? "", name ?? "", values, notCountries, problems);
    }

    private static string Short(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
