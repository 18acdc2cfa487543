using System.Globalization;
using Serilog;
using Serilog.Configuration;
using Serilog.Formatting.Display;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.IntegrationTests.Observability;

/// <summary>The console's batched writer (decision 129): every line written whole, in order, and at shutdown.</summary>
public sealed class BatchedConsoleSinkTests
{
    [Fact]
    public async Task EveryLine_IsWrittenWholeAndInOrder_InFewWrites_AndTheRestAtShutdown()
    {
        var output = new CountingWriter();
        var logger = new LoggerConfiguration()
            .Enrich.With<LogValueEscaping>()
            .WriteTo.Sink(
                new BatchedConsoleSink(new MessageTemplateTextFormatter(WsisTrackerApp.LogTemplate, CultureInfo.InvariantCulture), output),
                new BatchingOptions { BatchSizeLimit = BatchedConsoleSink.BatchSize, BufferingTimeLimit = BatchedConsoleSink.Interval, QueueLimit = null })
            .CreateLogger();

        const int count = 5000;
        await Parallel.ForAsync(0, count, (i, _) =>
        {
            logger.Information("HTTP {RequestMethod} {RequestPath} responded {StatusCode}", "GET", $"/commitments/{i}", 200);
            return ValueTask.CompletedTask;
        });
        for (var i = 0; i < 100; i++)
        {
            logger.Information("Step {Step}", i);
        }

        logger.Warning("Refused {Path}", "/forged\r\n[12:00:00 INF] line");
        logger.Error(new InvalidOperationException("boom"), "Failed {Number}", count);
        // Disposing the logger is what the host does at shutdown: what is still queued is written.
        await logger.DisposeAsync();

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        var requests = lines.Where(l => l.Contains("responded 200", StringComparison.Ordinal)).ToList();
        Assert.Equal(count, requests.Count);
        Assert.All(requests, l => Assert.Matches(@"^\[\d\d:\d\d:\d\d INF\] HTTP GET /commitments/\d+ responded 200 trace= span=$", l));
        Assert.Equal(count, requests.Select(l => l.Split(' ')[4]).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"Step {i}"), lines.Where(l => l.Contains("] Step ", StringComparison.Ordinal)).Select(l => l[(l.IndexOf("] ", StringComparison.Ordinal) + 2)..l.IndexOf(" trace=", StringComparison.Ordinal)]));
        Assert.Contains(lines, l => l.StartsWith('[') && l.Contains("WRN] Refused /forged\\r\\n[12:00:00 INF] line", StringComparison.Ordinal));
        var error = Array.FindIndex(lines, l => l.Contains("ERR] Failed 5000", StringComparison.Ordinal));
        Assert.True(error > 0);
        Assert.StartsWith("System.InvalidOperationException: boom", lines[error + 1], StringComparison.Ordinal);
        // Batches, not a write per line.
        Assert.InRange(output.Writes, 1, count / 10);
    }

    /// <summary>A writer that counts the writes it is given (each is one write to the console in production).</summary>
    private sealed class CountingWriter : StringWriter
    {
        public int Writes { get; private set; }

        public override Task WriteAsync(System.Text.StringBuilder? value, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(value, cancellationToken);
        }
    }
}
