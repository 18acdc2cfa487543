using System.Globalization;
using WsisTracker.Core.Common;

namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>Splits the input into lines and rejects input that is not text.</summary>
internal static class SourceText
{
    /// <summary>
    /// Splits on LF, CRLF or CR. A final line break ends the last line rather than starting an empty one, so line
    /// numbers match what an editor shows.
    /// </summary>
    public static IReadOnlyList<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('\n' or '\r'))
            {
                continue;
            }

            lines.Add(text[start..i]);
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            start = i + 1;
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    /// <summary>
    /// Finds the first character no resolution text contains: NUL and other control characters (tab and form feed
    /// aside), the U+FFFD replacement character that decoding binary data as UTF-8 leaves behind, unpaired surrogates
    /// and the non-characters (U+FFFE/U+FFFF and the others <see cref="PlainText"/> names). One such character means the input is binary or wrongly decoded, so
    /// nothing after it can be trusted; only the first is reported.
    /// </summary>
    public static ParseProblem? FindInvalidCharacter(IReadOnlyList<string> lines)
    {
        for (var lineIndex = 0; lineIndex < lines.Count; lineIndex++)
        {
            var line = lines[lineIndex];
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                string? reason;
                if (char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]))
                {
                    reason = PlainText.IsValid(line.Substring(i, 2)) ? null : "non-character U+" + char.ConvertToUtf32(c, line[i + 1]).ToString("X", CultureInfo.InvariantCulture);
                    if (reason is null)
                    {
                        i++;
                        continue;
                    }
                }
                else
                {
                    reason = DescribeInvalid(c);
                }

                if (reason is not null)
                {
                    return new ParseProblem(
                        lineIndex + 1,
                        $"{reason} at column {i + 1}: the input is binary data or wrongly decoded, not resolution text.");
                }
            }
        }

        return null;
    }

    private static string? DescribeInvalid(char c) => c switch
    {
        '\0' => "NUL character (U+0000)",
        '\t' or '\f' => null,
        '\uFFFD' => "replacement character U+FFFD (bytes that were not valid UTF-8)",
        '\uFFFE' or '\uFFFF' or (>= '\uFDD0' and <= '\uFDEF') => $"non-character U+{Code(c)}",
        _ when char.IsControl(c) => $"control character U+{Code(c)}",
        _ when char.IsSurrogate(c) => $"unpaired surrogate U+{Code(c)}",
        _ => null,
    };

    private static string Code(char c) => ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
