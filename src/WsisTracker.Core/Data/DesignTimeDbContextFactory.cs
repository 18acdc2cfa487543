using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WsisTracker.Core.Data;

/// <summary>
/// Lets <c>dotnet ef</c> build the model from this project alone (migrations add, has-pending-model-changes).
/// The connection string is only used by commands that reach a database, such as <c>database update</c>.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WsisTrackerDbContext>
{
    public WsisTrackerDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<WsisTrackerDbContext>();
        DatabaseSetup.Configure(options, Environment.GetEnvironmentVariable("WSIS_DESIGN_CONNECTION") ?? "Host=127.0.0.1;Database=wsis_tracker;Username=wsis");
        return new WsisTrackerDbContext(options.Options);
    }
}
