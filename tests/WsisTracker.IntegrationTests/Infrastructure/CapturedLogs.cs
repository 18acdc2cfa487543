using System.Collections.Concurrent;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace WsisTracker.IntegrationTests.Infrastructure;

/// <summary>
/// Every log event the app writes (at the test level, Warning and above), rendered as the console shows it (string
/// values unquoted, as <c>{Message:lj}</c> does), with the exception text: a Serilog sink the app's logger picks up
/// from the container.
/// </summary>
public sealed class CapturedLogs : ILogEventSink
{
    private static readonly MessageTemplateTextFormatter Formatter = new("{Message:lj}", CultureInfo.InvariantCulture);

    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The events themselves, with their properties (the trace ids, say).</summary>
    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent)
    {
        _events.Enqueue(logEvent);
        using var message = new StringWriter(CultureInfo.InvariantCulture);
        Formatter.Format(logEvent, message);
        _lines.Enqueue($"[{logEvent.Level}] {message}{(logEvent.Exception is null ? "" : " " + logEvent.Exception)}");
    }
}
