namespace WsisTracker.Core.Resolutions.Parsing;

public sealed record ParsedFootnote(int Number, string Text);
