using System.Text;

namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>
/// Text assembled from pieces of source lines with whitespace normalised (single spaces, trimmed), remembering which
/// line and PDF page each character came from: footnote markers are matched against the footnotes of the page they
/// stand on, and problems name the line.
/// </summary>
internal sealed class ComposedText
{
    private readonly StringBuilder _text = new();
    private readonly List<Segment> _segments = [];

    public int Length => _text.Length;

    public bool IsEmpty => _text.Length == 0;

    public bool EndsWith(char c) => _text.Length > 0 && _text[^1] == c;

    public static ComposedText From(string text, SourceLine source)
    {
        var composed = new ComposedText();
        composed.AppendWrapped(text, source);
        return composed;
    }

    /// <summary>Collapses every run of whitespace (tabs, no-break spaces, line breaks) into one space and trims.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Appends the next wrapped line of the same paragraph. Lines join with one space, except when the text so far
    /// ends in a hyphen or dash glued to a letter or digit and the new line starts with one: the PDF wrapped a
    /// compound ("High-" + "level" is "High-level", "2021–" + "2025" is "2021–2025"). UN documents are not
    /// hyphenated at line ends, so the hyphen is always kept.
    /// </summary>
    public void AppendWrapped(string text, SourceLine source)
    {
        var piece = Normalize(text);
        if (piece.Length == 0)
        {
            return;
        }

        var separator = _text.Length > 0 && !(EndsWithCompoundDash() && char.IsLetterOrDigit(piece[0]));
        Append(piece, separator, source);
    }

    /// <summary>Appends a further part of the same paragraph (a lettered sub-paragraph, a page continuation).</summary>
    public void AppendPart(ComposedText other)
    {
        if (other.IsEmpty)
        {
            return;
        }

        var offset = _text.Length + (_text.Length > 0 ? 1 : 0);
        if (_text.Length > 0)
        {
            _text.Append(' ');
        }

        _text.Append(other._text);
        foreach (var segment in other._segments)
        {
            _segments.Add(segment with { Start = segment.Start + offset });
        }
    }

    public int LineAt(int index) => SegmentAt(index)?.Line ?? 0;

    public int PageAt(int index) => SegmentAt(index)?.Page ?? 0;

    public override string ToString() => _text.ToString();

    private void Append(string piece, bool separator, SourceLine source)
    {
        if (separator)
        {
            _text.Append(' ');
        }

        _segments.Add(new Segment(_text.Length, source.Number, source.Page));
        _text.Append(piece);
    }

    private bool EndsWithCompoundDash() =>
        _text.Length >= 2
        && _text[^1] is '-' or '\u2010' or '\u2011' or '\u2013' or '\u2014'
        && char.IsLetterOrDigit(_text[^2]);

    /// <summary>The segment holding <paramref name="index"/>: the last one starting at or before it (binary search).</summary>
    private Segment? SegmentAt(int index)
    {
        var low = 0;
        var high = _segments.Count - 1;
        Segment? found = null;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (_segments[middle].Start <= index)
            {
                found = _segments[middle];
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    private readonly record struct Segment(int Start, int Line, int Page);
}
