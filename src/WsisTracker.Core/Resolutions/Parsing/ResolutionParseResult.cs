namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>
/// The outcome of parsing: the resolution as far as it could be read, and every problem found. Malformed input is an
/// expected outcome, so it is reported here rather than thrown. <see cref="Resolution"/> is null only when the input
/// could not be read as a resolution at all (empty, binary, no title).
/// </summary>
public sealed class ResolutionParseResult
{
    public ResolutionParseResult(ParsedResolution? resolution, IReadOnlyList<ParseProblem> problems)
    {
        Resolution = resolution;
        Problems = problems;
    }

    public ParsedResolution? Resolution { get; }

    public IReadOnlyList<ParseProblem> Problems { get; }

    public bool Succeeded => Resolution is not null && Problems.Count == 0;
}
