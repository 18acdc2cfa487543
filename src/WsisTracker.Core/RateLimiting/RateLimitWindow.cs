namespace WsisTracker.Core.RateLimiting;

/// <summary>
/// One limit's current fixed window, shared by every instance (decision 123): how many requests the partition (a
/// limit's name and an API key's hash or a client address) made since the window opened, and when it closes.
/// Written only by <see cref="SharedRateLimitStore"/>'s upsert; an expired row is reset by the next request and
/// deleted by the store's clean-up.
/// </summary>
public sealed class RateLimitWindow
{
    /// <summary>Long enough for a limit's name, ':' and a SHA-256 in hex or an IPv6 address.</summary>
    public const int PartitionKeyMaxLength = 120;

    public string PartitionKey { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }

    public int Count { get; set; }
}
