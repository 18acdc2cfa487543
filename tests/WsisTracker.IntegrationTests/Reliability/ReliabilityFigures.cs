using System.Globalization;
using Xunit.Abstractions;

namespace WsisTracker.IntegrationTests.Reliability;

/// <summary>
/// The measured figures of a reliability test: one line <c>figures SUITE: name=value ...</c> in the test output, and
/// appended to the file named by <c>WSIS_RELIABILITY_FIGURES</c> when it is set (scripts/reliability.sh sets it).
/// </summary>
internal static class ReliabilityFigures
{
    public const string FileVariable = "WSIS_RELIABILITY_FIGURES";

    private static readonly Lock FileLock = new();

    public static void Report(ITestOutputHelper output, string suite, params (string Name, object Value)[] figures)
    {
        var line = $"figures {suite}: " + string.Join(' ', figures.Select(f => $"{f.Name}={Format(f.Value)}"));
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } path)
        {
            lock (FileLock)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                File.AppendAllText(path, line + Environment.NewLine);
            }
        }
    }

    public static string Milliseconds(TimeSpan time) => Math.Round(time.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    private static string Format(object value) => value switch
    {
        TimeSpan time => Milliseconds(time) + "ms",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
