using System.Text;
using CsvHelper;

namespace WsisTracker.Core.Common;

/// <summary>
/// The one CSV writer and its rules, used by every export (the workspace round-trip, the public list's export and the
/// API's <c>text/csv</c>): RFC 4180, comma separated, CRLF, UTF-8 (decision 050).
/// <list type="bullet">
/// <item>A cell that a spreadsheet would run as a formula gets a leading apostrophe: its first character that is not
/// white space is <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c>, or it starts with a tab, CR or LF (OWASP CSV injection).
/// A leading space does not hide a formula from Excel or LibreOffice, so only looking at the first character is not enough.</item>
/// <item>A cell is quoted when it holds a comma, a semicolon, a quote, a line break or a leading or trailing space, or
/// was neutralised: spreadsheets in locales whose list separator is <c>;</c> split an unquoted cell at every <c>;</c>,
/// which would turn the text after it into a cell of its own, formula included.</item>
/// </list>
/// </summary>
public static class Csv
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Whether a spreadsheet would read the cell as a formula.</summary>
    public static bool IsFormula(string cell)
    {
        if (cell.Length == 0)
        {
            return false;
        }

        if (cell[0] is '\t' or '\r' or '\n')
        {
            return true;
        }

        var first = cell.AsSpan().TrimStart();
        return first.Length > 0 && first[0] is '=' or '+' or '-' or '@';
    }

    /// <summary>The cell as written: neutralised, then quoted when needed.</summary>
    public static string Field(string? value)
    {
        var cell = value ?? "";
        var neutralised = IsFormula(cell);
        if (neutralised)
        {
            cell = "'" + cell;
        }

        var quote = neutralised
            || cell.AsSpan().IndexOfAny(",;\"\r\n") >= 0
            || (cell.Length > 0 && (char.IsWhiteSpace(cell[0]) || char.IsWhiteSpace(cell[^1])));
        return quote ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }

    /// <summary>One record, CRLF included.</summary>
    public static string Row(IEnumerable<string?> cells) => string.Join(',', cells.Select(Field)) + "\r\n";

    /// <summary>A whole file: the header, then each row.</summary>
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder(Row(header));
        foreach (var row in rows)
        {
            text.Append(Row(row));
        }

        return text.ToString();
    }

    /// <summary>
    /// The one set of options every CSV reader starts from: comma separated, a malformed record is an error (never
    /// guessed at), records of at most 1,000,000 characters, line numbers kept for problems by line. A reader with a
    /// header of its own says so (<c>Reading with { HasHeader = true, ... }</c>).
    /// </summary>
    public static readonly CsvReaderOptions Reading = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = false,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MaxRecordSize = 1_000_000,
        TrackLineNumbers = true,
    };

    /// <summary>A CSV file as its records of text cells, each with the line it starts on (for problems by line).</summary>
    public static List<(int Line, string[] Cells)> Records(TextReader input)
    {
        var rows = new List<(int, string[])>();
        using var csv = CsvReader.Create(input, Reading, leaveOpen: true);
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

    /// <summary>A read cell with the apostrophe <see cref="Field"/> put before a formula taken off again; any other cell as it is.</summary>
    public static string Restore(string cell) => cell.Length > 1 && cell[0] == '\'' && IsFormula(cell[1..]) ? cell[1..] : cell;

    /// <summary>
    /// An uploaded file's text, or null when it is not UTF-8 (with or without a byte order mark): decoding another
    /// encoding silently would store U+FFFD in place of every accented letter.
    /// </summary>
    public static string? DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        var body = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;
        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
