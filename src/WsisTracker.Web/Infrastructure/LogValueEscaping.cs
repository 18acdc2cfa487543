using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// Escapes control characters in every string a log event carries (the sign-in e-mail, a path, a user name), before
/// any sink renders it: CR and LF become <c>\r</c> and <c>\n</c>, the other controls <c>\uXXXX</c>, and so do the
/// Unicode line and paragraph separators. A value typed by a client can then never start a forged line in the
/// console log. One enricher, so no log call has to remember to sanitise what it logs.
/// </summary>
public sealed class LogValueEscaping : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (Escape(value) is { } escaped)
            {
                (changed ??= []).Add(new LogEventProperty(name, escaped));
            }
        }

        foreach (var property in changed ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>The value with its strings escaped, or null when nothing needed escaping.</summary>
    private static LogEventPropertyValue? Escape(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text } when NeedsEscaping(text):
                return new ScalarValue(Escape(text));
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(e => Escape(e)).ToList();
                return elements.Any(e => e is not null) ? new SequenceValue(elements.Select((e, i) => e ?? sequence.Elements[i])) : null;
            case StructureValue structure:
                var members = structure.Properties.Select(p => Escape(p.Value)).ToList();
                return members.Any(m => m is not null)
                    ? new StructureValue(structure.Properties.Select((p, i) => new LogEventProperty(p.Name, members[i] ?? p.Value)), structure.TypeTag)
                    : null;
            case DictionaryValue dictionary:
                var entries = dictionary.Elements.Select(pair => (pair.Key, Value: Escape(pair.Value))).ToList();
                return entries.Any(e => e.Value is not null)
                    ? new DictionaryValue(entries.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(e.Key, e.Value ?? dictionary.Elements[e.Key])))
                    : null;
            default:
                return null;
        }
    }

    private static bool NeedsEscaping(string text)
    {
        // A loop over the span: every string of every log event passes here (LINQ over a string allocates an enumerator).
        foreach (var c in text.AsSpan())
        {
            if (IsEscaped(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEscaped(char c) => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085';

    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\r' => builder.Append("\\r"),
                '\n' => builder.Append("\\n"),
                '\t' => builder.Append("\\t"),
                _ when IsEscaped(c) => builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}
