using WsisTracker.Core.Common;
using WsisTracker.Core.Data.Seeding;

namespace WsisTracker.Core.Countries;

/// <summary>
/// Reads the six UNSD M49 overview exports shipped in <c>Data/Seeding/Data/countries/</c> (one per official language,
/// unmodified): the areas (world, regions, sub-regions, intermediate regions), the countries with their names in six
/// languages, and the LDC, LLDC and SIDS marks. The files must agree on every code and mark; any disagreement throws.
/// </summary>
internal static class M49Files
{
    /// <summary>The files by the language of <see cref="LocalizedNames"/>; UNSD names the Chinese file <c>cn</c>.</summary>
    private static readonly (string Language, string File)[] Files =
    [
        ("en", "UNSD-m49-en.csv"), ("fr", "UNSD-m49-fr.csv"), ("es", "UNSD-m49-es.csv"),
        ("ar", "UNSD-m49-ar.csv"), ("zh", "UNSD-m49-cn.csv"), ("ru", "UNSD-m49-ru.csv"),
    ];

    private static readonly string[] Header =
    [
        "Global Code", "Global Name", "Region Code", "Region Name", "Sub-region Code", "Sub-region Name", "Intermediate Region Code",
        "Intermediate Region Name", "Country or Area", "M49 Code", "ISO-alpha2 Code", "ISO-alpha3 Code", "Least Developed Countries (LDC)",
        "Land Locked Developing Countries (LLDC)", "Small Island Developing States (SIDS)",
    ];

    /// <summary>The grouping each mark column stands for.</summary>
    private static readonly (int Column, string Grouping)[] Marks = [(12, Grouping.Ldc), (13, Grouping.Lldc), (14, Grouping.Sids)];

    public sealed record Data(IReadOnlyList<Region> Regions, IReadOnlyList<Country> Countries, IReadOnlyList<(string Iso3, string Grouping)> Memberships);

    public static Data Read()
    {
        var regions = new Dictionary<string, (RegionLevel Level, string? Parent, Dictionary<string, string> Names)>(StringComparer.Ordinal);
        var countries = new Dictionary<string, (string[] Cells, Dictionary<string, string> Names)>(StringComparer.Ordinal);
        var marks = new Dictionary<string, HashSet<(string, string)>>(StringComparer.Ordinal);

        foreach (var (language, file) in Files)
        {
            using var reader = new StreamReader(SeedData.Open(file));
            var rows = Csv.Records(reader);
            if (rows.Count == 0 || !rows[0].Cells.Select(c => c.TrimStart('\uFEFF')).SequenceEqual(Header))
            {
                throw new InvalidOperationException($"{file} does not have the M49 export's header.");
            }

            marks[language] = [];
            foreach (var (line, cells) in rows.Skip(1))
            {
                if (cells.Length != Header.Length || cells[11].Length != 3 || cells[10].Length != 2 || cells[9].Length != 3)
                {
                    throw new InvalidOperationException($"{file} line {line}: not a country row of the M49 export.");
                }

                void Area(int codeColumn, RegionLevel level, string? parent)
                {
                    var code = cells[codeColumn];
                    if (code.Length == 0)
                    {
                        return;
                    }

                    if (!regions.TryGetValue(code, out var area))
                    {
                        area = (level, parent, new Dictionary<string, string>(StringComparer.Ordinal));
                        regions[code] = area;
                    }
                    else if (area.Level != level || area.Parent != parent)
                    {
                        throw new InvalidOperationException($"{file} line {line}: area {code} is placed differently than elsewhere.");
                    }

                    area.Names[language] = cells[codeColumn + 1];
                }

                Area(0, RegionLevel.Global, null);
                Area(2, RegionLevel.Region, NullIfEmpty(cells[0]));
                Area(4, RegionLevel.SubRegion, NullIfEmpty(cells[2]));
                Area(6, RegionLevel.IntermediateRegion, NullIfEmpty(cells[4]));

                var iso3 = cells[11];
                if (!countries.TryGetValue(iso3, out var country))
                {
                    country = (cells, new Dictionary<string, string>(StringComparer.Ordinal));
                    countries[iso3] = country;
                }
                else if (!country.Cells.Take(12).Where((_, i) => IsCode(i)).SequenceEqual(cells.Take(12).Where((_, i) => IsCode(i))))
                {
                    throw new InvalidOperationException($"{file} line {line}: the codes of {iso3} differ from those in {Files[0].File}.");
                }

                country.Names[language] = cells[8];
                foreach (var (column, grouping) in Marks)
                {
                    switch (cells[column])
                    {
                        case "x":
                            marks[language].Add((iso3, grouping));
                            break;
                        case "":
                            break;
                        default:
                            throw new InvalidOperationException($"{file} line {line}: '{cells[column]}' is not a mark (x or empty).");
                    }
                }
            }
        }

        var english = marks["en"];
        if (marks.Values.Any(m => !m.SetEquals(english)))
        {
            throw new InvalidOperationException("The M49 files of the six languages mark different LDC, LLDC or SIDS members.");
        }

        LocalizedNames Names(Dictionary<string, string> names, string what) =>
            Files.All(f => names.ContainsKey(f.Language))
                ? new LocalizedNames(names["en"], names["fr"], names["es"], names["ar"], names["zh"], names["ru"])
                : throw new InvalidOperationException($"{what} lacks a name in one of the six languages.");

        return new Data(
            regions.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r =>
            {
                var names = Names(r.Value.Names, $"Area {r.Key}");
                return new Region
                {
                    Code = r.Key,
                    Level = r.Value.Level,
                    ParentCode = r.Value.Parent,
                    NameEn = names.En,
                    NameFr = names.Fr,
                    NameEs = names.Es,
                    NameAr = names.Ar,
                    NameZh = names.Zh,
                    NameRu = names.Ru,
                };
            }).ToList(),
            countries.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c =>
            {
                var names = Names(c.Value.Names, $"Country {c.Key}");
                var cells = c.Value.Cells;
                return new Country
                {
                    Iso3 = c.Key,
                    Iso2 = cells[10],
                    M49 = cells[9],
                    NameEn = names.En,
                    NameFr = names.Fr,
                    NameEs = names.Es,
                    NameAr = names.Ar,
                    NameZh = names.Zh,
                    NameRu = names.Ru,
                    RegionCode = NullIfEmpty(cells[2]),
                    SubRegionCode = NullIfEmpty(cells[4]),
                    IntermediateRegionCode = NullIfEmpty(cells[6]),
                };
            }).ToList(),
            english.OrderBy(m => m.Item1, StringComparer.Ordinal).ThenBy(m => m.Item2, StringComparer.Ordinal).ToList());
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>Whether a column (of the first twelve) holds a code rather than a name.</summary>
    private static bool IsCode(int column) => column is 0 or 2 or 4 or 6 or 9 or 10 or 11;
}
