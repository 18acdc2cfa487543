using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Data;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Security;

/// <summary>
/// Test-only: when armed, the next command the app sends is preceded, on the same connection and under the same
/// command timeout, by a two-second <c>pg_sleep</c>: a costly query without building a costly data set.
/// </summary>
public sealed class SlowNextCommand : DbCommandInterceptor
{
    private int _armed;

    public void Arm() => Interlocked.Exchange(ref _armed, 1);

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await SleepIfArmedAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await SleepIfArmedAsync(command, cancellationToken);
        return result;
    }

    private async Task SleepIfArmedAsync(DbCommand command, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 0)
        {
            return;
        }

        await using var sleep = command.Connection!.CreateCommand();
        sleep.CommandText = "SELECT pg_sleep(2)";
        sleep.CommandTimeout = command.CommandTimeout;
        sleep.Transaction = command.Transaction;
        await sleep.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>An app of its own whose public reads time out after one second.</summary>
public sealed class PublicReadTimeoutFactory : WsisTrackerFactory
{
    public SlowNextCommand Slow { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings() => [("Database:PublicStatementTimeoutSeconds", "1")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<WsisTrackerDbContext>(options => options.AddInterceptors(Slow)));
    }
}

public sealed class PublicReadTimeoutTests(PublicReadTimeoutFactory app) : IClassFixture<PublicReadTimeoutFactory>
{
    [Fact]
    public async Task SearchPage_WhoseQueryOutlivesThePublicTimeout_Answers503Page_WithoutAStackTrace_AndLogsAWarning()
    {
        using var client = app.CreateClient();
        app.Slow.Arm();

        using var response = await client.GetAsync("/search?q=internet");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.Contains(app.Logs.Lines, line => line.StartsWith("[Warning]", StringComparison.Ordinal) && line.Contains("/search", StringComparison.Ordinal) && line.Contains("public read timeout", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, line => line.StartsWith("[Error]", StringComparison.Ordinal) && line.Contains("/search", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnonymousApiList_WhoseQueryOutlivesThePublicTimeout_Answers503Problem()
    {
        using var client = app.CreateClient();
        app.Slow.Arm();

        using var response = await client.GetAsync("/api/v1/commitments?q=broadband");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("urn:wsis-tracker:problem:service-unavailable", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
    }

    [Fact]
    public async Task StaffWrite_AsSlowAsThat_IsNotUnderThePublicTimeout()
    {
        using var writer = await app.CreateWriterAsync();
        app.Slow.Arm();

        var (id, _) = await app.SeedCommitmentAsync(writer, "slow-write");

        Assert.True(id > 0);
    }
}
