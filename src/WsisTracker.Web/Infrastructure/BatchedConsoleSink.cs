using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// Writes log events to standard output a batch at a time (decision 129): Serilog's batching queue hands over what
/// arrived since the last batch, each event is rendered with the console's template, and the batch goes out in one
/// write, so a request only queues its line and a line costs neither a console lock nor a system call of its own.
/// Lines stay whole and in order; a batch is written at least every <see cref="Interval"/> and at shutdown.
/// </summary>
public sealed class BatchedConsoleSink(ITextFormatter formatter, TextWriter output) : IBatchedLogEventSink
{
    /// <summary>The longest a line waits before it is written.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>The most lines in one write.</summary>
    public const int BatchSize = 1000;

    private readonly StringBuilder _text = new(capacity: 16 * 1024);

    public async Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        _text.Clear();
        using (var lines = new StringWriter(_text))
        {
            foreach (var logEvent in batch)
            {
                formatter.Format(logEvent, lines);
            }
        }

        await output.WriteAsync(_text);
        await output.FlushAsync();
        if (_text.Capacity > 1024 * 1024)
        {
            // An unusually large batch does not keep its buffer for the life of the process.
            _text.Capacity = 16 * 1024;
        }
    }

    public Task OnEmptyBatchAsync() => Task.CompletedTask;
}
