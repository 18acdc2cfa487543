namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>A line of the input: its 1-based number, its text, and the PDF page it stands on (0 in the ODS form).</summary>
internal readonly record struct SourceLine(int Number, string Text, int Page);
