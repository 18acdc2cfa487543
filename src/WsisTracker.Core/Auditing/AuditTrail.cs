using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace WsisTracker.Core.Auditing;

/// <summary>
/// Captures the changes of one SaveChanges for the audit log: before values while they are still known, after
/// values and generated keys once the rows are written. Audit entries themselves, and rows no one edits through the
/// app (resolution text, action lines), are not audited. Secrets never enter the log: password hashes, security
/// stamps and Identity's tokens, logins and claims are left out.
/// </summary>
internal sealed class AuditTrail
{
    private static readonly HashSet<string> Skipped = ["AuditEntry", "Resolution", "Section", "Paragraph", "Footnote", "FootnoteReference", "ActionLine", "ActionLineFacilitator",
        "IdentityUserToken`1", "IdentityUserLogin`1", "IdentityUserClaim`1", "IdentityRoleClaim`1"];

    private static readonly HashSet<string> SecretProperties = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp"];

    private readonly List<(EntityEntry Entry, string Action, string? Before)> _changes;

    private AuditTrail(List<(EntityEntry, string, string?)> changes) => _changes = changes;

    public bool IsEmpty => _changes.Count == 0;

    public static AuditTrail Capture(ChangeTracker tracker)
    {
        tracker.DetectChanges();
        var changes = tracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !Skipped.Contains(e.Metadata.ClrType.Name))
            .Select(e => (e, e.State.ToString(), e.State == EntityState.Added ? null : Serialize(e, original: true)))
            .ToList();
        return new AuditTrail(changes);
    }

    public IEnumerable<AuditEntry> ToEntries(string actor, ActorKind kind, DateTimeOffset now) =>
        _changes.Select(change => new AuditEntry
        {
            OccurredAt = now,
            Actor = actor,
            ActorKind = kind,
            Action = change.Action,
            EntityType = change.Entry.Metadata.ClrType.Name,
            EntityKey = JsonSerializer.Serialize(change.Entry.Metadata.FindPrimaryKey()!.Properties.ToDictionary(p => p.Name, p => change.Entry.Property(p.Name).CurrentValue)),
            Before = change.Before,
            After = change.Action == nameof(EntityState.Deleted) ? null : Serialize(change.Entry, original: false),
        });

    /// <summary>
    /// A column the database computes from the others on every write (the search vectors) is no change of anyone's:
    /// logging it would copy every lexeme of the text into each entry, twice. Row versions are kept.
    /// </summary>
    private static bool IsDerived(IProperty property) =>
        property.ValueGenerated == ValueGenerated.OnAddOrUpdate && !property.IsConcurrencyToken;

    private static string Serialize(EntityEntry entry, bool original) =>
        JsonSerializer.Serialize(entry.Properties
            .Where(p => (!p.Metadata.IsShadowProperty() || p.Metadata.IsForeignKey()) && !SecretProperties.Contains(p.Metadata.Name) && !IsDerived(p.Metadata))
            .ToDictionary(p => p.Metadata.Name, p => original ? p.OriginalValue : p.CurrentValue));
}
