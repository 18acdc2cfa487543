using System.Globalization;
using System.Text;

namespace WsisTracker.Core.Common;

/// <summary>
/// What text the tracker accepts (decision 043): no control character (Unicode category Cc: C0, DEL and C1) other
/// than tab, line feed and carriage return; no unpaired surrogate; no noncharacter (U+FDD0..U+FDEF and the last two
/// code points of every plane, U+FFFE and U+FFFF among them). That covers every character XML 1.0 forbids, so stored
/// text can always be written into the Atom feeds, and NUL, which PostgreSQL's <c>text</c> cannot hold at all.
/// The domain applies the rule to every text it stores (<see cref="Check"/>); the model binder applies it too, so a
/// form shows the error next to its field.
/// </summary>
public static class PlainText
{
    public const string Problem = "Contains a control character or a character that is not text (such as NUL or U+FFFF); remove it.";

    public static bool IsValid(string? text) => text is null || IndexOfForbidden(text) < 0;

    /// <summary>Adds <see cref="Problem"/> to <paramref name="field"/> when <paramref name="text"/> breaks the rule.</summary>
    public static bool Check(string? text, string field, FieldErrors errors)
    {
        if (IsValid(text))
        {
            return true;
        }

        errors.Add(field, Problem);
        return false;
    }

    /// <summary>The text with each forbidden character replaced by <paramref name="replacement"/> (a space for lenient inputs such as a search).</summary>
    public static string Clean(string text, char replacement = ' ')
    {
        var first = IndexOfForbidden(text);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var length = ForbiddenLength(text, i);
            if (length > 0)
            {
                builder.Append(replacement);
                i += length - 1;
            }
            else if (char.IsHighSurrogate(text[i]))
            {
                builder.Append(text, i, 2);
                i++;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// At most <paramref name="maxLength"/> UTF-16 units of <paramref name="text"/>, cut at a text-element boundary
    /// (never inside a surrogate pair, an emoji sequence or a letter with its combining marks).
    /// </summary>
    public static string Cut(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var end = 0;
        while (end < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text, end);
            if (end + next > maxLength)
            {
                break;
            }

            end += next;
        }

        return text[..end];
    }

    private static int IndexOfForbidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (ForbiddenLength(text, i) > 0)
            {
                return i;
            }

            if (char.IsHighSurrogate(text[i]))
            {
                i++;
            }
        }

        return -1;
    }

    /// <summary>How many UTF-16 units of a forbidden character start at <paramref name="i"/> (0: none).</summary>
    private static int ForbiddenLength(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            return IsNoncharacter(char.ConvertToUtf32(c, text[i + 1])) ? 2 : 0;
        }

        return char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || IsNoncharacter(c) ? 1 : 0;
    }

    private static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
}
