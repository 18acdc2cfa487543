namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>A section heading; <paramref name="Number"/> is as printed ("1.", "1.1", "4.1.", "I.") or null.</summary>
public sealed record ParsedSection(int Order, string? Number, string Title)
{
    /// <summary>The annex the heading stands in (its key), or null for the resolution itself.</summary>
    public string? Part { get; init; }
}
