namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>Something in the input that could not be read as a well-formed resolution, at a 1-based line.</summary>
public sealed record ParseProblem(int Line, string Reason);
