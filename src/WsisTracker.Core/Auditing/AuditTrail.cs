using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace WsisTracker.Core.Auditing;

/// <summary>
/// Captures the changes of one SaveChanges for the audit log: before values while they are still known, after
/// values and generated keys once the rows are written. Audit entries themselves, and rows no one edits through the
/// app (a resolution's text, action lines, the M49 areas and countries), are not audited, nor outbox messages (the event that writes one is, and
/// the outbox keeps its own record of every attempt); a resolution's import is (its row: symbol, slug, title,
/// when). Secrets never enter the log: password hashes, security stamps, API key hashes and Identity's tokens, logins
/// and claims are left out.
/// </summary>
internal sealed class AuditTrail
{
    private static readonly HashSet<string> Skipped = ["AuditEntry", "OutboxMessage", "Section", "Paragraph", "Footnote", "FootnoteReference", "ActionLine", "ActionLineFacilitator", "Region", "Country", "Grouping", "IndicatorValue",
        "IdentityUserToken`1", "IdentityUserLogin`1", "IdentityUserClaim`1", "IdentityRoleClaim`1"];

    private static readonly HashSet<string> SecretProperties = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "KeyHash", "TokenHash"];

    /// <summary>The properties each entity type's entries hold, worked out once per type.</summary>
    private static readonly ConcurrentDictionary<IEntityType, IProperty[]> AuditedProperties = new();

    private readonly List<Change> _changes;

    private AuditTrail(List<Change> changes) => _changes = changes;

    public bool IsEmpty => _changes.Count == 0;

    public static AuditTrail Capture(ChangeTracker tracker)
    {
        tracker.DetectChanges();
        var changes = tracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !Skipped.Contains(e.Metadata.ClrType.Name))
            .Select(e => new Change(
                e.Metadata,
                e.State.ToString(),
                e.State == EntityState.Added ? null : Serialize(e.Metadata, p => e.OriginalValues[p]),
                p => e.CurrentValues[p]))
            .ToList();
        return new AuditTrail(changes);
    }

    /// <summary>
    /// The trail of rows written without the change tracker: each entity as it is now (its keys and versions already
    /// read back), with the JSON of its state before the change (<see cref="Snapshot"/>) for a modification.
    /// </summary>
    public static AuditTrail Of(IModel model, params ReadOnlySpan<(object Entity, EntityState State, string? Before)> rows)
    {
        var changes = new List<Change>(rows.Length);
        foreach (var (entity, state, before) in rows)
        {
            var type = model.FindEntityType(entity.GetType()) ?? throw new InvalidOperationException($"{entity.GetType().Name} is not an entity type.");
            changes.Add(new Change(type, state.ToString(), before, p => ClrValue(p, entity)));
        }

        return new AuditTrail(changes);
    }

    /// <summary>The audit JSON of an untracked entity's state, as a before value for <see cref="Of"/>.</summary>
    public static string Snapshot(IModel model, object entity) =>
        Serialize(model.FindEntityType(entity.GetType())!, p => ClrValue(p, entity));

    public IEnumerable<AuditEntry> ToEntries(string actor, ActorKind kind, DateTimeOffset now) =>
        _changes.Select(change => new AuditEntry
        {
            OccurredAt = now,
            Actor = actor,
            ActorKind = kind,
            Action = change.Action,
            EntityType = change.Type.ClrType.Name,
            EntityKey = JsonSerializer.Serialize(change.Type.FindPrimaryKey()!.Properties.ToDictionary(p => p.Name, change.Current)),
            Before = change.Before,
            After = change.Action == nameof(EntityState.Deleted) ? null : Serialize(change.Type, change.Current),
        });

    /// <summary>
    /// A column the database computes from the others on every write (the search vectors) is no change of anyone's:
    /// logging it would copy every lexeme of the text into each entry, twice. Row versions are kept.
    /// </summary>
    private static bool IsDerived(IProperty property) =>
        property.ValueGenerated == ValueGenerated.OnAddOrUpdate && !property.IsConcurrencyToken;

    /// <summary>
    /// Appends the entries with one INSERT in the save's transaction. They are never read back by the save that
    /// wrote them, so a second SaveChanges (change detection, graph traversal, batching) would be pure cost.
    /// With <paramref name="notifyOrigin"/>, the same command also queues a notification on
    /// <see cref="Caching.ReadCache.ChangeChannel"/> carrying it: PostgreSQL delivers it when the transaction commits
    /// and never if it rolls back (decision 122), and it costs no round trip of its own.
    /// </summary>
    public async Task WriteAsync(DatabaseFacade database, string actor, ActorKind kind, DateTimeOffset now, string? notifyOrigin, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("INSERT INTO audit_entries (occurred_at, actor, actor_kind, action, entity_type, entity_key, before, after) VALUES ");
        var parameters = new List<NpgsqlParameter>();
        foreach (var entry in ToEntries(actor, kind, now))
        {
            sql.Append(parameters.Count == 0 ? "(" : ", (");
            Add(entry.OccurredAt, NpgsqlDbType.TimestampTz);
            Add(entry.Actor, NpgsqlDbType.Varchar);
            Add(entry.ActorKind.ToString(), NpgsqlDbType.Varchar);
            Add(entry.Action, NpgsqlDbType.Varchar);
            Add(entry.EntityType, NpgsqlDbType.Varchar);
            Add(entry.EntityKey, NpgsqlDbType.Varchar);
            Add(entry.Before, NpgsqlDbType.Jsonb);
            Add(entry.After, NpgsqlDbType.Jsonb);
            sql.Length -= 2;
            sql.Append(')');
        }

        if (notifyOrigin is not null)
        {
            sql.Append("; SELECT pg_notify('").Append(Caching.ReadCache.ChangeChannel).Append("', ");
            Add(notifyOrigin, NpgsqlDbType.Text);
            sql.Length -= 2;
            sql.Append(')');
        }

        await database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);

        void Add(object? value, NpgsqlDbType type)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"a{parameters.Count}");
            parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
            sql.Append('@').Append(name).Append(", ");
        }
    }

    /// <summary>The JSON object of the audited properties' values, written straight out rather than through a dictionary.</summary>
    private static string Serialize(IEntityType type, Func<IProperty, object?> value)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in AuditedProperties.GetOrAdd(type, Audited))
            {
                writer.WritePropertyName(property.Name);
                JsonSerializer.Serialize(writer, value(property), property.ClrType);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static IProperty[] Audited(IEntityType type) =>
        [.. type.GetProperties().Where(p => (!p.IsShadowProperty() || p.IsForeignKey()) && !SecretProperties.Contains(p.Name) && !IsDerived(p))];

    /// <summary>An untracked entity has no shadow values to give; the rows written that way keep every audited value in a property.</summary>
    private static object? ClrValue(IProperty property, object entity) =>
        property.IsShadowProperty()
            ? throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} is a shadow property; write this row through SaveChanges to audit it.")
            : property.GetGetter().GetClrValue(entity);

    /// <summary>One audited row: its type, what happened, its state before, and how to read its values now.</summary>
    private sealed record Change(IEntityType Type, string Action, string? Before, Func<IProperty, object?> Current);
}
