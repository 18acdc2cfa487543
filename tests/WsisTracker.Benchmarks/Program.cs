using Npgsql;
using WsisTracker.Benchmarks;

// The baseline the benchmark compares the product with: the same SQL as the product's commitment list, detail and
// progress endpoints (BaselineSql, checked against the product by BaselineSqlTests), run with raw Npgsql and
// hand-written JSON, plus a fixed response for Kestrel's own ceiling.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connectionString = builder.Configuration.GetConnectionString("WsisTracker")
    ?? throw new InvalidOperationException("Set ConnectionStrings:WsisTracker.");
builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
builder.Services.AddSingleton<BaselineQueries>();
var app = builder.Build();

app.MapGet("/baseline/plaintext", () => Results.Text("Hello, World!"));
app.MapGet("/baseline/commitments", (BaselineQueries queries, int? limit, int? after, CancellationToken cancellationToken) =>
    queries.ListAsync(Math.Clamp(limit ?? 50, 1, 200), after ?? 0, cancellationToken));
app.MapGet("/baseline/commitments/{id:int}", (BaselineQueries queries, HttpContext http, int id, CancellationToken cancellationToken) =>
    queries.DetailAsync(http, id, cancellationToken));
app.MapPost("/baseline/commitments/{id:int}/progress", (BaselineQueries queries, HttpContext http, int id, CancellationToken cancellationToken) =>
    queries.RecordProgressAsync(http, id, cancellationToken));
app.Run();
