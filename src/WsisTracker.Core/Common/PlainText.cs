namespace WsisTracker.Core.Common;

/// <summary>
/// What text the tracker accepts: no C0 control character other than tab, line feed and carriage return. NUL cannot be
/// stored in PostgreSQL's <c>text</c> at all, and the other controls have no place in a title, a note or a filter; text
/// carrying one is refused as input, never sent to the database.
/// </summary>
public static class PlainText
{
    public const string Problem = "Contains a control character (such as NUL); remove it.";

    public static bool IsValid(string? text) => text is null || !text.Any(IsForbidden);

    /// <summary>The text with each forbidden control character replaced by a space, for lenient inputs such as a search.</summary>
    public static string Clean(string text) => IsValid(text) ? text : string.Concat(text.Select(c => IsForbidden(c) ? ' ' : c));

    private static bool IsForbidden(char c) => c < ' ' && c is not ('\t' or '\n' or '\r');
}
