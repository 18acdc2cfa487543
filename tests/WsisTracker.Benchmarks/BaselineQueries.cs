using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace WsisTracker.Benchmarks;

/// <summary>
/// Hand-written data access for the baseline endpoints: the product's own statements (<see cref="BaselineSql"/>, kept
/// equal to what EF Core sends by <c>BaselineSqlTests</c>), run with raw Npgsql and shaped into JSON by hand.
/// </summary>
public sealed class BaselineQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The list's count, taken once like the product's, which keeps it per read-cache generation (decision 120).</summary>
    private int _count = -1;

    public async Task<IResult> ListAsync(int limit, int after, CancellationToken cancellationToken)
    {
        // The product writes the limit into the SQL text (InlinedLimit), so the baseline does too.
        var statements = (after > 0 ? BaselineSql.PageAfter : BaselineSql.FirstPage)
            .Select(sql => sql.Replace("LIMIT @p", $"LIMIT {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}", StringComparison.Ordinal)).ToArray();
        (string, object)[] parameters = after > 0 ? [("p_Id", after)] : [];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var count = Volatile.Read(ref _count);
        if (count < 0)
        {
            count = await ScalarAsync(connection, statements[0], cancellationToken);
            Volatile.Write(ref _count, count);
        }

        var rows = new List<Dictionary<string, object?>>();
        await ReadAsync(connection, statements[1], reader =>
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
                ["isVoluntary"] = reader.GetBoolean(10),
                ["scope"] = new Dictionary<string, object?>
                {
                    ["kind"] = JsonNamingPolicy.CamelCase.ConvertName(reader.GetString(13)),
                    ["regions"] = reader.GetFieldValue<string[]>(14),
                    ["countries"] = reader.GetFieldValue<string[]>(15),
                },
            }), cancellationToken, parameters);
        var byId = rows.ToDictionary(r => (int)r["id"]!);
        await AttachAsync(connection, byId, "paragraphs", statements[2], parameters, cancellationToken);
        await AttachAsync(connection, byId, "actionLines", statements[3], parameters, cancellationToken);
        await AttachAsync(connection, byId, "stakeholders", statements[4], parameters, cancellationToken);
        return Json(new Dictionary<string, object?> { ["items"] = rows, ["totalCount"] = count, ["next"] = rows.Count == limit ? $"/baseline/commitments?after={rows[^1]["id"]}&limit={limit}" : null });
    }

    public async Task<IResult> DetailAsync(HttpContext http, int id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        Dictionary<string, object?>? item = null;
        await ReadAsync(connection, BaselineSql.Detail, reader =>
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
                ["isVoluntary"] = reader.GetBoolean(15),
                ["isProposed"] = reader.GetBoolean(16),
                ["proposedBy"] = reader.IsDBNull(17) ? null : reader.GetInt32(17),
                ["scope"] = new Dictionary<string, object?>
                {
                    ["kind"] = JsonNamingPolicy.CamelCase.ConvertName(reader.GetString(18)),
                    ["regions"] = reader.GetFieldValue<string[]>(19),
                    ["countries"] = reader.GetFieldValue<string[]>(20),
                },
                ["indicator"] = reader.GetBoolean(21) ? null : new Dictionary<string, object?> { ["code"] = reader.GetString(22), ["target"] = reader.GetDouble(23), ["targetYear"] = reader.GetInt32(24) },
            }, cancellationToken, ("id", id), ("includeProposed", false));
        if (item is null)
        {
            return Results.NotFound();
        }

        item["paragraphs"] = await ListOfAsync(connection, BaselineSql.DetailParagraphs, id, cancellationToken);
        item["actionLines"] = await ListOfAsync(connection, BaselineSql.DetailActionLines, id, cancellationToken);
        item["stakeholders"] = await ListOfAsync(connection, BaselineSql.DetailStakeholders, id, cancellationToken);
        item["milestones"] = await ListOfAsync(connection, BaselineSql.DetailMilestones, id, cancellationToken);
        item["progressHistory"] = await ListOfAsync(connection, BaselineSql.DetailProgressHistory, id, cancellationToken);
        item["continues"] = await ListOfAsync(connection, BaselineSql.DetailContinues, id, cancellationToken);
        item["continuedBy"] = await ListOfAsync(connection, BaselineSql.DetailContinuedBy, id, cancellationToken);
        http.Response.Headers.ETag = $"\"{item["version"]}\"";
        return Json(item);
    }

    /// <summary>
    /// The product's record-progress request done by hand: the API key checked against its stored hash, <c>If-Match</c>
    /// read, the JSON body parsed, the commitment and its version read, then one transaction (one statement moves the
    /// commitment on its version and appends the update, one writes both audit rows) and the update answered as JSON
    /// with the new <c>Commitment-ETag</c>.
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
        await ReadAsync(connection, BaselineSql.ApiKeyByHash, reader => keyName = reader.GetString(4), cancellationToken,
            ("hash", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(authorization[7..])))));
        if (keyName is null)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        var author = $"api-key:{keyName}";
        var dbStatus = char.ToUpperInvariant(status[0]) + status[1..];
        uint version = 0;
        Dictionary<string, object?>? before = null;
        await ReadAsync(connection, BaselineSql.ProgressCommitment, reader =>
        {
            before = Row(reader, 0, reader.FieldCount);
            before.Remove("search_vector");
            version = reader.GetFieldValue<uint>(reader.GetOrdinal("xmin"));
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
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long updateId;
        uint next;
        await using (var write = new NpgsqlCommand(BaselineSql.RecordProgress, connection, transaction))
        {
            write.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Integer) { Value = id });
            write.Parameters.Add(new NpgsqlParameter("version", NpgsqlDbType.Xid) { Value = version });
            write.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Varchar) { Value = dbStatus });
            write.Parameters.Add(new NpgsqlParameter("percent", NpgsqlDbType.Integer) { Value = (object?)body.ProgressPercent ?? DBNull.Value });
            write.Parameters.Add(new NpgsqlParameter("note", NpgsqlDbType.Varchar) { Value = (object?)body.Note ?? DBNull.Value });
            write.Parameters.Add(new NpgsqlParameter("links", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = body.EvidenceLinks ?? [] });
            write.Parameters.Add(new NpgsqlParameter("as_of", NpgsqlDbType.Date) { Value = asOf });
            write.Parameters.Add(new NpgsqlParameter("author", NpgsqlDbType.Varchar) { Value = author });
            write.Parameters.Add(new NpgsqlParameter("reporting_stakeholder_id", NpgsqlDbType.Integer) { Value = DBNull.Value });
            write.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now });
            await using var reader = await write.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return Results.StatusCode(StatusCodes.Status412PreconditionFailed);
            }

            updateId = reader.GetInt64(0);
            next = checked((uint)reader.GetInt64(1));
        }

        var after = new Dictionary<string, object?>(before) { ["status"] = dbStatus, ["progress_percent"] = body.ProgressPercent, ["last_progress_as_of"] = asOf, ["updated_at"] = now, ["xmin"] = next };
        var recorded = new { id = updateId, status, progressPercent = body.ProgressPercent, note = body.Note, evidenceLinks = body.EvidenceLinks ?? [], asOf, author, recordedAt = now };
        await using (var audit = new NpgsqlCommand(BaselineSql.ProgressAudit, connection, transaction))
        {
            object?[] values =
            [
                now, author, "ApiKey", "Modified", "Commitment", $"{{\"Id\":{id}}}", JsonSerializer.Serialize(before), JsonSerializer.Serialize(after),
                now, author, "ApiKey", "Added", "ProgressUpdate", $"{{\"Id\":{updateId}}}", null, JsonSerializer.Serialize(recorded),
            ];
            NpgsqlDbType[] types = [NpgsqlDbType.TimestampTz, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Jsonb, NpgsqlDbType.Jsonb];
            for (var i = 0; i < values.Length; i++)
            {
                audit.Parameters.Add(new NpgsqlParameter($"a{i}", types[i % types.Length]) { Value = values[i] ?? DBNull.Value });
            }

            audit.Parameters.Add(new NpgsqlParameter("a16", NpgsqlDbType.Text) { Value = "baseline" });

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

    /// <summary>Reads a statement whose last column is the commitment's id (EF Core's split query) into each commitment's list.</summary>
    private static async Task AttachAsync(NpgsqlConnection connection, Dictionary<int, Dictionary<string, object?>> byId, string property, string sql, (string, object)[] parameters, CancellationToken cancellationToken)
    {
        foreach (var item in byId.Values)
        {
            item[property] = new List<Dictionary<string, object?>>();
        }

        await ReadAsync(connection, sql, reader => ((List<Dictionary<string, object?>>)byId[reader.GetInt32(reader.FieldCount - 1)][property]!).Add(Row(reader, 0, reader.FieldCount - 1)), cancellationToken, parameters);
    }

    /// <summary>Reads a statement of the detail; its last column is the commitment's id, which is left out.</summary>
    private static async Task<List<Dictionary<string, object?>>> ListOfAsync(NpgsqlConnection connection, string sql, int id, CancellationToken cancellationToken)
    {
        var list = new List<Dictionary<string, object?>>();
        await ReadAsync(connection, sql, reader => list.Add(Row(reader, 0, reader.FieldCount - 1)), cancellationToken, ("id", id), ("includeProposed", false));
        return list;
    }

    private static Dictionary<string, object?> Row(NpgsqlDataReader reader, int first, int end)
    {
        var row = new Dictionary<string, object?>();
        for (var i = first; i < end; i++)
        {
            row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return row;
    }

    private static IResult Json(object value) => Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web), "application/json");
}
