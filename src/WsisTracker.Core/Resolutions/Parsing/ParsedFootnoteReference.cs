namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>A footnote marker: the footnote it points to and the index in the paragraph text where it stood.</summary>
public sealed record ParsedFootnoteReference(int FootnoteNumber, int Offset);
