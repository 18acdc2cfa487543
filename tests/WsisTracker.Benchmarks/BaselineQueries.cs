using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace WsisTracker.Benchmarks;

/// <summary>Hand-written data access for the baseline endpoints; the SQL mirrors what EF Core sends for the product.</summary>
public sealed class BaselineQueries(NpgsqlDataSource dataSource)
{
    private const string Page = "SELECT c.id FROM commitments AS c WHERE c.id > @after ORDER BY c.id LIMIT @limit";

    public async Task<IResult> ListAsync(int limit, int after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var count = await ScalarAsync(connection, "SELECT count(*)::int FROM commitments", cancellationToken);
        var rows = new List<Dictionary<string, object?>>();
        await ReadAsync(connection, $"SELECT c.id, c.code, c.title, c.status, c.progress_percent, c.target_date, c.reporting_cadence, c.is_synthetic, c.withdrawn_at, c.updated_at FROM commitments AS c WHERE c.id > @after ORDER BY c.id LIMIT @limit", reader =>
            rows.Add(new Dictionary<string, object?>
            {
                ["id"] = reader.GetInt32(0),
                ["code"] = reader.GetString(1),
                ["title"] = reader.GetString(2),
                ["status"] = reader.GetString(3),
                ["progressPercent"] = reader.IsDBNull(4) ? null : reader.GetInt32(4),
                ["targetDate"] = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5),
                ["reportingCadence"] = reader.IsDBNull(6) ? null : reader.GetString(6),
                ["isSynthetic"] = reader.GetBoolean(7),
                ["withdrawnAt"] = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                ["updatedAt"] = reader.GetFieldValue<DateTimeOffset>(9),
            }), cancellationToken, ("after", after), ("limit", limit));
        var byId = rows.ToDictionary(r => (int)r["id"]!);
        await AttachAsync(connection, byId, "paragraphs", $"SELECT c6.id, r0.symbol, r0.slug, p0.kind, p0.number, p0.\"order\" FROM ({Page}) AS c6 JOIN commitment_paragraphs AS c1 ON c6.id = c1.commitment_id JOIN paragraphs AS p0 ON c1.paragraph_id = p0.id JOIN resolutions AS r0 ON p0.resolution_id = r0.id ORDER BY c6.id, r0.adoption_date, p0.\"order\"", after, limit, cancellationToken);
        await AttachAsync(connection, byId, "actionLines", $"SELECT c7.id, a0.code FROM ({Page}) AS c7 JOIN commitment_action_lines AS c3 ON c7.id = c3.commitment_id JOIN action_lines AS a0 ON c3.action_line_id = a0.id ORDER BY c7.id, a0.\"order\"", after, limit, cancellationToken);
        await AttachAsync(connection, byId, "stakeholders", $"SELECT c8.id, c5.stakeholder_id, s0.slug, s0.name, s0.acronym, s0.\"group\", c5.role FROM ({Page}) AS c8 JOIN commitment_stakeholders AS c5 ON c8.id = c5.commitment_id JOIN stakeholders AS s0 ON c5.stakeholder_id = s0.id ORDER BY c8.id, c5.role, s0.name", after, limit, cancellationToken);
        return Json(new Dictionary<string, object?> { ["items"] = rows, ["totalCount"] = count, ["next"] = rows.Count == limit ? $"/baseline/commitments?after={rows[^1]["id"]}&limit={limit}" : null });
    }

    public async Task<IResult> DetailAsync(HttpContext http, int id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        Dictionary<string, object?>? item = null;
        await ReadAsync(connection, "SELECT c.id, c.code, c.title, c.description, c.status, c.progress_percent, c.target_date, c.target_date_text, c.reporting_cadence, c.is_synthetic, c.withdrawn_at, c.withdrawal_reason, c.created_at, c.updated_at, c.xmin FROM commitments AS c WHERE c.id = @id LIMIT 2", reader =>
            item = new Dictionary<string, object?>
            {
                ["id"] = reader.GetInt32(0),
                ["code"] = reader.GetString(1),
                ["title"] = reader.GetString(2),
                ["description"] = reader.GetString(3),
                ["status"] = reader.GetString(4),
                ["progressPercent"] = reader.IsDBNull(5) ? null : reader.GetInt32(5),
                ["targetDate"] = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6),
                ["targetDateText"] = reader.IsDBNull(7) ? null : reader.GetString(7),
                ["reportingCadence"] = reader.IsDBNull(8) ? null : reader.GetString(8),
                ["isSynthetic"] = reader.GetBoolean(9),
                ["withdrawnAt"] = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                ["withdrawalReason"] = reader.IsDBNull(11) ? null : reader.GetString(11),
                ["createdAt"] = reader.GetFieldValue<DateTimeOffset>(12),
                ["updatedAt"] = reader.GetFieldValue<DateTimeOffset>(13),
                ["version"] = reader.GetFieldValue<uint>(14),
            }, cancellationToken, ("id", id));
        if (item is null)
        {
            return Results.NotFound();
        }

        item["paragraphs"] = await ListOfAsync(connection, "SELECT r0.symbol, r0.slug, p0.kind, p0.number, p0.\"order\", p0.text FROM commitment_paragraphs AS c1 JOIN paragraphs AS p0 ON c1.paragraph_id = p0.id JOIN resolutions AS r0 ON p0.resolution_id = r0.id WHERE c1.commitment_id = @id ORDER BY r0.adoption_date, p0.\"order\"", id, cancellationToken);
        item["actionLines"] = await ListOfAsync(connection, "SELECT a0.code, a0.title FROM commitment_action_lines AS c3 JOIN action_lines AS a0 ON c3.action_line_id = a0.id WHERE c3.commitment_id = @id ORDER BY a0.\"order\"", id, cancellationToken);
        item["stakeholders"] = await ListOfAsync(connection, "SELECT c5.stakeholder_id, s0.slug, s0.name, s0.acronym, s0.\"group\", c5.role FROM commitment_stakeholders AS c5 JOIN stakeholders AS s0 ON c5.stakeholder_id = s0.id WHERE c5.commitment_id = @id ORDER BY c5.role, s0.name", id, cancellationToken);
        item["milestones"] = await ListOfAsync(connection, "SELECT m0.title, m0.due_date, m0.completed_date FROM milestones AS m0 WHERE m0.commitment_id = @id ORDER BY m0.\"order\"", id, cancellationToken);
        item["progressHistory"] = await ListOfAsync(connection, "SELECT p2.id, p2.status, p2.progress_percent, p2.note, p2.evidence_links, p2.as_of, p2.author, p2.recorded_at FROM progress_updates AS p2 WHERE p2.commitment_id = @id ORDER BY p2.as_of DESC, p2.id DESC", id, cancellationToken);
        item["continues"] = await ListOfAsync(connection, "SELECT l.earlier_commitment_id, e.code, e.title, l.kind, l.evidence FROM commitment_lineage AS l JOIN commitments AS e ON l.earlier_commitment_id = e.id WHERE l.commitment_id = @id", id, cancellationToken);
        item["continuedBy"] = await ListOfAsync(connection, "SELECT l.commitment_id, c.code, c.title, l.kind, l.evidence FROM commitment_lineage AS l JOIN commitments AS c ON l.commitment_id = c.id WHERE l.earlier_commitment_id = @id", id, cancellationToken);
        http.Response.Headers.ETag = $"\"{item["version"]}\"";
        return Json(item);
    }

    /// <summary>
    /// The product's record-progress request done by hand: the API key checked against its stored hash, <c>If-Match</c>
    /// read, the JSON body parsed, then one transaction (read the row and its version, append the update, move the
    /// commitment on its version, audit both) and the update answered as JSON with the new <c>Commitment-ETag</c>.
    /// </summary>
    public async Task<IResult> RecordProgressAsync(HttpContext http, int id, CancellationToken cancellationToken)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            || !uint.TryParse(http.Request.Headers.IfMatch.ToString().Trim('"'), out var expected))
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        var body = await JsonSerializer.DeserializeAsync<ProgressBody>(http.Request.Body, JsonSerializerOptions.Web, cancellationToken);
        if (body is not { Status: { Length: > 0 } status, AsOf: { } asOf })
        {
            return Results.BadRequest();
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        string? keyName = null;
        await ReadAsync(connection, "SELECT k.name FROM api_keys AS k WHERE k.key_hash = @hash AND k.revoked_at IS NULL LIMIT 2", reader => keyName = reader.GetString(0), cancellationToken,
            ("hash", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(authorization[7..])))));
        if (keyName is null)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        var author = $"api-key:{keyName}";
        var dbStatus = char.ToUpperInvariant(status[0]) + status[1..];
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        uint version = 0;
        Dictionary<string, object?>? before = null;
        await ReadAsync(connection, "SELECT c.xmin, c.status, c.progress_percent, c.last_progress_as_of, c.updated_at FROM commitments AS c WHERE c.id = @id", reader =>
        {
            version = reader.GetFieldValue<uint>(0);
            before = Row(reader, 1);
        }, cancellationToken, ("id", id));
        if (before is null)
        {
            return Results.NotFound();
        }

        if (version != expected)
        {
            return Results.StatusCode(StatusCodes.Status412PreconditionFailed);
        }

        var now = DateTimeOffset.UtcNow;
        long updateId;
        await using (var insert = new NpgsqlCommand("INSERT INTO progress_updates (commitment_id, status, progress_percent, note, evidence_links, as_of, author, recorded_at) VALUES (@id, @status, @percent, @note, @links, @asOf, @author, @now) RETURNING id", connection, transaction))
        {
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("status", dbStatus);
            insert.Parameters.AddWithValue("percent", (object?)body.ProgressPercent ?? DBNull.Value);
            insert.Parameters.AddWithValue("note", (object?)body.Note ?? DBNull.Value);
            insert.Parameters.AddWithValue("links", body.EvidenceLinks ?? []);
            insert.Parameters.AddWithValue("asOf", asOf);
            insert.Parameters.AddWithValue("author", author);
            insert.Parameters.AddWithValue("now", now);
            updateId = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }

        uint next;
        await using (var update = new NpgsqlCommand("UPDATE commitments SET status = @status, progress_percent = @percent, last_progress_as_of = @asOf, updated_at = @now WHERE id = @id AND xmin = @version RETURNING xmin", connection, transaction))
        {
            update.Parameters.AddWithValue("id", id);
            update.Parameters.AddWithValue("status", dbStatus);
            update.Parameters.AddWithValue("percent", (object?)body.ProgressPercent ?? DBNull.Value);
            update.Parameters.AddWithValue("asOf", asOf);
            update.Parameters.AddWithValue("now", now);
            update.Parameters.Add(new NpgsqlParameter("version", NpgsqlTypes.NpgsqlDbType.Xid) { Value = version });
            if (await update.ExecuteScalarAsync(cancellationToken) is not uint written)
            {
                return Results.StatusCode(StatusCodes.Status412PreconditionFailed);
            }

            next = written;
        }

        var after = new Dictionary<string, object?>(before) { ["status"] = dbStatus, ["progress_percent"] = body.ProgressPercent, ["last_progress_as_of"] = asOf, ["updated_at"] = now };
        var recorded = new { id = updateId, status, progressPercent = body.ProgressPercent, note = body.Note, evidenceLinks = body.EvidenceLinks ?? [], asOf, author, recordedAt = now };
        await using (var audit = new NpgsqlCommand("INSERT INTO audit_entries (occurred_at, actor, actor_kind, action, entity_type, entity_key, before, after) VALUES (@now, @author, 'ApiKey', 'Modified', 'Commitment', @commitment, @before::jsonb, @after::jsonb), (@now, @author, 'ApiKey', 'Added', 'ProgressUpdate', @update, NULL, @recorded::jsonb)", connection, transaction))
        {
            audit.Parameters.AddWithValue("now", now);
            audit.Parameters.AddWithValue("author", author);
            audit.Parameters.AddWithValue("commitment", $"{{\"Id\":{id}}}");
            audit.Parameters.AddWithValue("update", $"{{\"Id\":{updateId}}}");
            audit.Parameters.AddWithValue("before", JsonSerializer.Serialize(before));
            audit.Parameters.AddWithValue("after", JsonSerializer.Serialize(after));
            audit.Parameters.AddWithValue("recorded", JsonSerializer.Serialize(recorded));
            await audit.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        http.Response.Headers["Commitment-ETag"] = $"\"{next}\"";
        return Results.Created($"/baseline/commitments/{id}/progress", recorded);
    }

    /// <summary>The body of a progress update, as the product's API takes it.</summary>
    public sealed record ProgressBody(string? Status, int? ProgressPercent, string? Note, string[]? EvidenceLinks, DateOnly? AsOf);

    private static async Task<int> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ReadAsync(NpgsqlConnection connection, string sql, Action<NpgsqlDataReader> row, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    private static async Task AttachAsync(NpgsqlConnection connection, Dictionary<int, Dictionary<string, object?>> byId, string property, string sql, int after, int limit, CancellationToken cancellationToken)
    {
        foreach (var item in byId.Values)
        {
            item[property] = new List<Dictionary<string, object?>>();
        }

        await ReadAsync(connection, sql, reader => ((List<Dictionary<string, object?>>)byId[reader.GetInt32(0)][property]!).Add(Row(reader, 1)), cancellationToken, ("after", after), ("limit", limit));
    }

    private static async Task<List<Dictionary<string, object?>>> ListOfAsync(NpgsqlConnection connection, string sql, int id, CancellationToken cancellationToken)
    {
        var list = new List<Dictionary<string, object?>>();
        await ReadAsync(connection, sql, reader => list.Add(Row(reader, 0)), cancellationToken, ("id", id));
        return list;
    }

    private static Dictionary<string, object?> Row(NpgsqlDataReader reader, int first)
    {
        var row = new Dictionary<string, object?>();
        for (var i = first; i < reader.FieldCount; i++)
        {
            row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return row;
    }

    private static IResult Json(object value) => Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web), "application/json");
}
