namespace WsisTracker.Core.ApiKeys;

/// <summary>
/// What an API key may do: Secretariat and Administrator keys write through the API, only administrators delete
/// reference data; a Contributor key acts for one stakeholder only: it reports on that organisation's commitments and
/// proposes commitments for it, and nothing else (decision 082).
/// </summary>
public enum ApiKeyRole
{
    Secretariat,
    Administrator,
    Contributor,
}

/// <summary>
/// A key an external tool sends as <c>Authorization: Bearer &lt;key&gt;</c>. Only the SHA-256 hash of the key is
/// stored; the key itself is shown once, when it is made. A revoked key stays, so the audit trail keeps its name.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public ApiKeyRole Role { get; set; }

    /// <summary>The one stakeholder a <see cref="ApiKeyRole.Contributor"/> key acts for; null for the other roles.</summary>
    public int? StakeholderId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the key.</summary>
    public required string KeyHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}

/// <summary>
/// The stored answer to a POST sent with an <c>Idempotency-Key</c>, so a retry gets the first response and creates
/// nothing new. It is written in the transaction of the write it answers (<see cref="IdempotencyRecords"/>): a record
/// exists exactly when its write was committed.
/// </summary>
public sealed class IdempotencyRecord
{
    public int ApiKeyId { get; set; }

    public required string Key { get; set; }

    /// <summary>Hex SHA-256 of the method, path and body of the first request.</summary>
    public required string RequestHash { get; set; }

    public int StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Body { get; set; }

    /// <summary>The response headers a replay carries (<c>Location</c>, <c>ETag</c>, <c>Commitment-ETag</c>), as a JSON object.</summary>
    public string? Headers { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
