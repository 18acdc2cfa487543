using WsisTracker.Core.Data.Seeding;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// The Web project's commands: none serves the app; <c>migrate</c> applies migrations and seeds, then exits;
/// <c>seed-demo --commitments N [--updates U] [--seed S]</c> adds synthetic demo data, then exits;
/// <c>users add --email E --role R --password-stdin</c> creates a staff account (<see cref="UsersCommand"/>).
/// </summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var command = args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal) ? args[0] : null;
        switch (command)
        {
            case null:
                if (app.Configuration.GetValue("Database:MigrateOnStartup", app.Environment.IsDevelopment()))
                {
                    await MigrateAsync(app);
                }

                await app.RunAsync();
                return 0;
            case "migrate":
                await MigrateAsync(app);
                return 0;
            case "seed-demo":
                return await SeedDemoAsync(app, args);
            case "users":
                await MigrateAsync(app);
                return await UsersCommand.RunAsync(app.Services, args, Console.In, Console.Out, Console.Error);
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'. Commands: migrate, seed-demo --commitments N, users add.");
                return 2;
        }
    }

    public static async Task MigrateAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().MigrateAndSeedAsync(app.Lifetime.ApplicationStopping);
    }

    private static async Task<int> SeedDemoAsync(WebApplication app, string[] args)
    {
        var commitments = IntOption(args, "--commitments");
        var updates = IntOption(args, "--updates") ?? 10;
        var seed = IntOption(args, "--seed") ?? 20151216;
        if (commitments is not > 0 || updates < 0)
        {
            await Console.Error.WriteLineAsync("Usage: seed-demo --commitments N [--updates U] [--seed S], with N > 0 and U >= 0.");
            return 2;
        }

        await MigrateAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var added = await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().AddAsync(commitments.Value, updates, seed, CancellationToken.None);
        Console.WriteLine($"Added {added} synthetic commitments.");
        return 0;
    }

    private static int? IntOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : null;
    }
}
