namespace WsisTracker.Core.Accounts;

/// <summary>
/// An administrator's invitation to an account of one role (a contributor with their stakeholders): a single-use
/// link that expires, with which the person sets their own password (decision 084). Only the SHA-256 hash of the
/// link's token is stored; the token itself is shown once, to the administrator, to pass on.
/// </summary>
public sealed class Invitation
{
    public int Id { get; set; }

    public required string Email { get; set; }

    public required string Role { get; set; }

    /// <summary>The stakeholders a contributor will be focal point of; empty for the other roles.</summary>
    public List<int> StakeholderIds { get; set; } = [];

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The administrator who invited (their sign-in e-mail).</summary>
    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this the link no longer works; a new invitation of the same address ends the earlier one here.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the link was used; it works once.</summary>
    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>The account the invitation made.</summary>
    public string? AcceptedUserId { get; set; }
}
