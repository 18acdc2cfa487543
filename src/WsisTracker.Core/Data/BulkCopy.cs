using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace WsisTracker.Core.Data;

/// <summary>
/// Writes many rows of one entity type with PostgreSQL's binary COPY, taking table, columns, column types and value
/// conversions from the EF model so it cannot drift from the mapping. For bulk loads (demo data, benchmarks) only:
/// it bypasses the change tracker, so rows must already satisfy the domain rules. Generated columns (xmin, the search
/// vectors) and columns with a SQL default (such as the writing transaction's id) are left to PostgreSQL.
/// </summary>
internal static partial class BulkCopy
{
    public static async Task<ulong> WriteAsync<T>(
        WsisTrackerDbContext db, NpgsqlConnection connection, IEnumerable<T> rows, bool includeKey, CancellationToken cancellationToken)
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Where(p => p.PropertyInfo is not null && p.ValueGenerated != ValueGenerated.OnAddOrUpdate)
            .Where(p => p.GetComputedColumnSql(store) is null && p.GetDefaultValueSql(store) is null)
            .Where(p => includeKey || !p.IsPrimaryKey() || p.ValueGenerated == ValueGenerated.Never)
            .Select(p => (Property: p, Name: p.GetColumnName(store)!, Type: TypeName(p.GetColumnType(store)), Converter: p.GetTypeMapping().Converter))
            .ToList();
        var sql = $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(sql, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var (property, _, type, converter) in columns)
            {
                var value = property.PropertyInfo!.GetValue(row);
                if (value is not null && converter is not null)
                {
                    value = converter.ConvertToProvider(value);
                }

                if (value is null)
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(value, type, cancellationToken);
                }
            }
        }

        return await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>Reserves <paramref name="count"/> values of an identity column's sequence, for rows written with their keys.</summary>
    public static async Task<List<int>> ReserveIdsAsync(NpgsqlConnection connection, string table, int count, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))::int FROM generate_series(1, @count)", connection);
        command.Parameters.AddWithValue("count", count);
        var ids = new List<int>(count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    private static string TypeName(string columnType) => Length().Replace(columnType, "");

    [GeneratedRegex(@"\(\d+\)")]
    private static partial Regex Length();
}
