using Serilog;
using WsisTracker.Web.Infrastructure;

Log.Logger = new LoggerConfiguration()
    .WriteTo.Console()
    .CreateLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddWsisTracker();
    var app = builder.Build();
    app.UseWsisTracker();
    return await CommandLine.RunAsync(app, args);
}
catch (Exception e) when (e is not HostAbortedException)
{
    Log.Fatal(e, "WSIS Tracker stopped because of an unhandled exception.");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
