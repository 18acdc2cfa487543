namespace WsisTracker.Core.Auditing;

/// <summary>One change to one row, append-only: who, when, what, and the values before and after (JSON).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public required string Actor { get; set; }

    public ActorKind ActorKind { get; set; }

    /// <summary><c>Added</c>, <c>Modified</c> or <c>Deleted</c>.</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }

    /// <summary>The row's key as JSON, e.g. <c>{"Id":12}</c> or <c>{"CommitmentId":12,"ParagraphId":40}</c>.</summary>
    public required string EntityKey { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}
