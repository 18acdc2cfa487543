using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace WsisTracker.Core.Data;

public static class DatabaseSetup
{
    /// <summary>The one place the provider and its conventions are chosen, for the app, the tools and the tests.</summary>
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        UseConnection(options, connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(CommitInvalidatesReadCache.Instance);

    /// <summary>The provider on <paramref name="connectionString"/>; called again on configured options, it moves them to another server.</summary>
    public static DbContextOptionsBuilder UseConnection(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"));

    public static NpgsqlConnectionStringBuilder Describe(string connectionString) => new(connectionString);
}
