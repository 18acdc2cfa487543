using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Commitments;

/// <summary>
/// The progress recorder: the busiest write there is, kept apart from the tracked writes of
/// <see cref="CommitmentWrites"/> because it skips the change tracker (decision 036) and changes with its SQL.
/// Pages and the API both call <see cref="RecordProgressAsync"/>; its rules are <see cref="Commitment.RecordProgress"/>'s.
/// </summary>
public sealed class ProgressRecorder(WsisTrackerDbContext db, ActorContext actor, TimeProvider time)
{
    /// <summary>
    /// Records progress through <see cref="Commitment.RecordProgress"/>, authored by the current actor; answers the
    /// update and the commitment's new version (its next If-Match).
    /// </summary>
    /// <remarks>
    /// The busiest write there is, so it skips the change tracker (decision 036): the commitment is read untracked,
    /// the domain applies its rules to it, and one statement moves the commitment on the version the caller read and
    /// appends the update, in a transaction with the same audit rows a tracked save writes.
    /// </remarks>
    public async Task<Result<RecordedProgress>> RecordProgressAsync(int id, RecordProgressInput input, uint expectedVersion, CancellationToken cancellationToken, ReportingStakeholder? reportedBy = null)
    {
        var author = actor.Name ?? throw new InvalidOperationException("Progress is recorded by someone: set the ActorContext first.");

        // One connection for the read and the transaction, rather than one taken from the pool for each.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var commitment = await UntrackedQuery(db, id, cancellationToken);
            if (CommitmentWrites.Check(commitment, id, expectedVersion) is { } error)
            {
                return error;
            }

            var before = AuditTrail.Snapshot(db.Model, commitment!);
            // To the microsecond PostgreSQL keeps, so the answer and the audit show the time a later read shows.
            var now = time.GetUtcNow();
            now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
            var recorded = commitment!.RecordProgress(input, author, now);
            if (!recorded.Succeeded)
            {
                return recorded.Error!;
            }

            var update = recorded.Value!;
            update.CommitmentId = id;
            update.ReportingStakeholderId = reportedBy?.Id;
            await using (var transaction = await AuditedTransaction.BeginAsync(db, cancellationToken))
            {
                if (await WriteAsync(db, update, expectedVersion, cancellationToken) is not var (updateId, version))
                {
                    return Error.StaleVersion(CommitmentWrites.What);
                }

                update.Id = updateId;
                commitment.Version = version;
                await transaction.CompleteAsync(
                    AuditTrail.Of(db.Model, (commitment, EntityState.Modified, before), (update, EntityState.Added, null)), author, actor.Kind, now, cancellationToken);
            }

            return new RecordedProgress(new ProgressUpdateModel(update.Id, update.Status, update.ProgressPercent, update.Note, update.EvidenceLinks, update.AsOf, ProgressUpdate.PublicAuthor(reportedBy?.Name), update.RecordedAt), commitment.Version);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Moves the commitment only if it still has the version the caller read, and appends the update only if it
    /// moved: no row back means someone else changed it first.
    /// </summary>
    private const string RecordProgressSql = """
        WITH moved AS (
            UPDATE commitments SET status = @status, progress_percent = @percent, last_progress_as_of = @as_of, updated_at = @now
            WHERE id = @id AND xmin = @version
            RETURNING xmin),
        added AS (
            INSERT INTO progress_updates (commitment_id, status, progress_percent, note, evidence_links, as_of, author, reporting_stakeholder_id, recorded_at)
            SELECT @id, @status, @percent, @note, @links, @as_of, @author, @reporting_stakeholder_id, @now FROM moved
            RETURNING id)
        SELECT added.id, (moved.xmin::text)::bigint AS version FROM added, moved
        """;

    /// <summary>
    /// Runs <see cref="RecordProgressSql"/> through EF Core's command layer, as <c>ExecuteSqlRaw</c> does: the command
    /// interceptors and the command log see it, but no LINQ query is built, parameterised and looked up in the query
    /// cache for a statement that is never composed. Answers the update's id and the commitment's new version, or
    /// null when the commitment had moved on.
    /// </summary>
    private static async Task<(long UpdateId, uint Version)?> WriteAsync(WsisTrackerDbContext db, ProgressUpdate update, uint expectedVersion, CancellationToken cancellationToken)
    {
        var command = db.GetService<IRawSqlCommandBuilder>().Build(RecordProgressSql, ProgressParameters(update, expectedVersion));
        await using var reader = await command.RelationalCommand.ExecuteReaderAsync(
            new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), command.ParameterValues, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.FromSqlQuery),
            cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        // The new xmin is read as a bigint (an xid has no unsigned reader of its own).
        return (reader.DbDataReader.GetInt64(0), checked((uint)reader.DbDataReader.GetInt64(1)));
    }

    private static NpgsqlParameter[] ProgressParameters(ProgressUpdate update, uint expectedVersion) =>
    [
        new("id", NpgsqlDbType.Integer) { Value = update.CommitmentId },
        new("version", NpgsqlDbType.Xid) { Value = expectedVersion },
        new("status", NpgsqlDbType.Varchar) { Value = update.Status.ToString() },
        new("percent", NpgsqlDbType.Integer) { Value = (object?)update.ProgressPercent ?? DBNull.Value },
        new("note", NpgsqlDbType.Varchar) { Value = (object?)update.Note ?? DBNull.Value },
        new("links", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = update.EvidenceLinks },
        new("as_of", NpgsqlDbType.Date) { Value = update.AsOf },
        new("author", NpgsqlDbType.Varchar) { Value = update.Author },
        new("reporting_stakeholder_id", NpgsqlDbType.Integer) { Value = (object?)update.ReportingStakeholderId ?? DBNull.Value },
        new("now", NpgsqlDbType.TimestampTz) { Value = update.RecordedAt },
    ];

    /// <summary>The commitment alone, untracked: the read of recording progress, compiled once.</summary>
    private static readonly Func<WsisTrackerDbContext, int, CancellationToken, Task<Commitment?>> UntrackedQuery =
        EF.CompileAsyncQuery((WsisTrackerDbContext db, int id, CancellationToken cancellationToken) => db.Commitments.AsNoTracking().SingleOrDefault(c => c.Id == id));
}

/// <summary>A recorded progress update and the commitment's version after it.</summary>
public sealed record RecordedProgress(ProgressUpdateModel Update, uint CommitmentVersion);

/// <summary>The stakeholder whose approved progress report an update is: its public author (decision 044).</summary>
public sealed record ReportingStakeholder(int Id, string Name);
