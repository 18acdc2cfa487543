using Npgsql;
using WsisTracker.Core.Common;

namespace WsisTracker.Core.Data;

public enum ConstraintKind
{
    Unique,
    ForeignKey,
}

/// <summary>
/// A unique or foreign-key violation PostgreSQL reported for a write. Two clients can cause one without any bug: two
/// creates of one name pick the same free slug, or a delete checks a stakeholder is unused while another transaction
/// starts to use it. The checks before a save make these rare; the database's constraints make them safe; this turns
/// them into a conflict the client can act on (retry, reload) rather than a server error.
/// </summary>
public sealed record ConstraintViolation(ConstraintKind Kind, string? Constraint, string? Table)
{
    /// <summary>The violation an exception (or one of its inner exceptions) reports, or null for any other failure.</summary>
    public static ConstraintViolation? Of(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return postgres.SqlState switch
                {
                    PostgresErrorCodes.UniqueViolation => new ConstraintViolation(ConstraintKind.Unique, postgres.ConstraintName, postgres.TableName),
                    PostgresErrorCodes.ForeignKeyViolation => new ConstraintViolation(ConstraintKind.ForeignKey, postgres.ConstraintName, postgres.TableName),
                    _ => null,
                };
            }
        }

        return null;
    }

    /// <summary>The general conflict of this violation, for a write whose service has no more precise one.</summary>
    public Error ToConflict() => Kind == ConstraintKind.Unique
        ? new Error(ErrorKind.Conflict, "already-exists", "Another change made the same thing at the same moment (a name, slug or key that must be unique). Reload and try again.")
        : new Error(ErrorKind.Conflict, "reference-conflict", "Something this change refers to was removed, or something still refers to what it removes, by another change at the same moment. Reload and try again.");
}
