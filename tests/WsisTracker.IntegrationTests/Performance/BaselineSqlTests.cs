using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Benchmarks;
using WsisTracker.Core.Caching;
using WsisTracker.Core.Data;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Performance;

/// <summary>
/// The benchmark's baseline (<c>tests/WsisTracker.Benchmarks</c>) runs the product's statements with raw Npgsql, so it
/// must send what the product sends. These tests capture the SQL of each benchmarked request and compare it with
/// <see cref="BaselineSql"/> after normalising whitespace, parameter names and literals. When either side changes,
/// the failure names the scenario and the statement, shows both, and prints the product's statements to paste into
/// <c>tests/WsisTracker.Benchmarks/BaselineSql.cs</c> (then adapt the column reads in <c>BaselineQueries</c>).
/// </summary>
public sealed partial class BaselineSqlTests(BaselineSqlTests.SqlRecordingFactory app) : IClassFixture<BaselineSqlTests.SqlRecordingFactory>
{
    [Fact]
    public async Task CommitmentList_FirstPage_SendsTheBaselineStatements()
    {
        var product = await CaptureGetAsync("/api/v1/commitments?limit=50");

        AssertSameShape(nameof(BaselineSql.FirstPage), BaselineSql.FirstPage, product);
    }

    [Fact]
    public async Task CommitmentList_PageAfterACursor_SendsTheBaselineStatements()
    {
        var first = await app.GetJsonAsync<JsonElement>("/api/v1/commitments?limit=50");
        var product = await CaptureGetAsync(first.GetProperty("next").GetString()!);

        AssertSameShape(nameof(BaselineSql.PageAfter), BaselineSql.PageAfter, product);
    }

    [Fact]
    public async Task CommitmentDetail_OnACacheMiss_SendsItsVersionReadThenTheBaselineStatements()
    {
        var commitment = await app.CreateCommitmentAsync();

        var product = await CaptureGetAsync($"/api/v1/commitments/{commitment.Id}");

        AssertSameShape(nameof(BaselineSql.CommitmentDetail), [BaselineSql.DetailVersion, .. BaselineSql.CommitmentDetail], product);
    }

    [Fact]
    public async Task RecordingProgress_WithAKeyUsedThisMinute_SendsTheBaselineStatements()
    {
        var commitment = await app.CreateCommitmentAsync();
        using var writer = await app.CreateWriterAsync();
        var version = commitment.Version;
        IReadOnlyList<string> product = [];
        foreach (var percent in new[] { 10, 20 })
        {
            // The first write of a new key also stamps its last use; the benchmark's key is warm, like the second.
            app.Recorder.Clear();
            using var response = await WsisTrackerFactory.RecordProgressAsync(writer, commitment.Id, version,
                new { status = "onTrack", progressPercent = percent, asOf = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            product = app.Recorder.Statements;
            version = uint.Parse(response.Headers.GetValues("Commitment-ETag").Single().Trim('"'), CultureInfo.InvariantCulture);
        }

        AssertSameShape(nameof(BaselineSql.RecordProgressRequest), BaselineSql.RecordProgressRequest, product);
    }

    [Theory]
    [InlineData("SELECT c.id FROM commitments AS c WHERE c.id = @id LIMIT 2", "select c.id\n    FROM commitments AS c\tWHERE c.id = @__id_0 LIMIT 1")]
    [InlineData("SELECT a.name FROM api_keys AS a WHERE a.key_hash = @hash AND a.role = 'Secretariat'", "SELECT a.name FROM api_keys AS a WHERE a.key_hash = $1 AND a.role = 'Administrator'")]
    public void Shape_IgnoresLayoutParameterNamesAndLiterals(string one, string other) =>
        Assert.Equal(Shape(one), Shape(other));

    [Theory]
    [InlineData("SELECT c.id, c.code FROM commitments AS c WHERE c.id = @id", "SELECT c.id FROM commitments AS c WHERE c.id = @id")]
    [InlineData("SELECT c.id FROM commitments AS c WHERE c.id = @id", "SELECT c.id FROM commitments AS c WHERE c.id = @id ORDER BY c.id")]
    [InlineData("SELECT c.id FROM commitments AS c WHERE c.id > @p", "SELECT c.id FROM commitments AS c WHERE c.id >= @p")]
    [InlineData("SELECT c.id FROM commitments AS c", "SELECT c0.id FROM commitments AS c0")]
    public void Shape_KeepsColumnsClausesOperatorsAndAliases(string one, string other) =>
        Assert.NotEqual(Shape(one), Shape(other));

    /// <summary>
    /// A statement's shape: its text with every run of whitespace made one space, every parameter (<c>@name</c>,
    /// <c>$1</c>) and every string or number literal made <c>?</c>, and keywords in upper case. Tables, columns,
    /// aliases, joins, clauses and operators are kept.
    /// </summary>
    private static string Shape(string sql)
    {
        var shape = StringLiteral().Replace(sql, "?");
        shape = Parameter().Replace(shape, "?");
        shape = NumberLiteral().Replace(shape, "?");
        shape = Whitespace().Replace(shape, " ").Trim();
        return Keyword().Replace(shape, match => match.Value.ToUpperInvariant());
    }

    private static void AssertSameShape(string scenario, IReadOnlyList<string> baseline, IReadOnlyList<string> product)
    {
        var differences = new StringBuilder();
        for (var i = 0; i < Math.Max(baseline.Count, product.Count); i++)
        {
            var expected = i < baseline.Count ? Shape(baseline[i]) : "(none)";
            var actual = i < product.Count ? Shape(product[i]) : "(none)";
            if (expected != actual)
            {
                differences.Append(CultureInfo.InvariantCulture, $"\nstatement {i + 1}:\n  baseline: {expected}\n  product:  {actual}\n  first difference at character {FirstDifference(expected, actual)}\n");
            }
        }

        if (differences.Length == 0)
        {
            return;
        }

        var paste = string.Join("\n\n", product.Select((sql, i) => $"-- statement {i + 1}\n{sql.Trim()}"));
        Assert.Fail($"""
            The benchmark baseline's SQL for {scenario} (BaselineSql.{scenario}) no longer has the shape of what the product sends: {baseline.Count} statement(s) in the baseline, {product.Count} sent by the product.
            {differences}
            Update tests/WsisTracker.Benchmarks/BaselineSql.cs to the product's statements as sent, and the column reads in BaselineQueries if columns moved:

            {paste}
            """);
    }

    private static int FirstDifference(string one, string other)
    {
        var i = 0;
        while (i < one.Length && i < other.Length && one[i] == other[i])
        {
            i++;
        }

        return i;
    }

    private async Task<IReadOnlyList<string>> CaptureGetAsync(string url)
    {
        using var client = app.CreateClient();
        app.Services.GetRequiredService<ReadCache>().Invalidate();
        app.Recorder.Clear();
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return app.Recorder.Statements;
    }

    [GeneratedRegex(@"'(?:[^']|'')*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"@\w+|\$\d+")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"(?<![\w.""])\d+(?:\.\d+)?(?![\w""])")]
    private static partial Regex NumberLiteral();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\b(?:select|from|where|and|or|not|null|is|in|as|on|inner|left|join|order|by|group|limit|offset|desc|asc|with|insert|into|values|update|set|returning|delete|exists|coalesce|count|case|when|then|else|end|lateral|distinct)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Keyword();

    /// <summary>The app, recording the text of every SQL command it sends through EF Core.</summary>
    public sealed class SqlRecordingFactory : WsisTrackerFactory
    {
        public SqlRecorder Recorder { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.ConfigureDbContext<WsisTrackerDbContext>(options => options.AddInterceptors(Recorder)));
        }
    }

    /// <summary>The text of each command, in the order sent; a test clears it before the request it captures.</summary>
    public sealed class SqlRecorder : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _statements = new();

        public IReadOnlyList<string> Statements => [.. _statements];

        public void Clear() => _statements.Clear();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _statements.Enqueue(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _statements.Enqueue(command.CommandText);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            _statements.Enqueue(command.CommandText);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
