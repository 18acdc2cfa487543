using CsvHelper;

namespace WsisTracker.Core.Countries;

/// <summary>A CSV file as its records of text cells, each with the line it starts on (for problems by line).</summary>
internal static class CsvRows
{
    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = false,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MaxRecordSize = 1_000_000,
        TrackLineNumbers = true,
    };

    public static List<(int Line, string[] Cells)> Read(TextReader input)
    {
        var rows = new List<(int, string[])>();
        using var csv = CsvReader.Create(input, Options, leaveOpen: true);
        while (csv.Read())
        {
            var cells = new string[csv.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = csv.GetString(i) ?? "";
            }

            rows.Add(((int)csv.LineNumber, cells));
        }

        return rows;
    }
}
