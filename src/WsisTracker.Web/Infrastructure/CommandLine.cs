using WsisTracker.Core.ApiKeys;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data.Seeding;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// The Web project's commands: none serves the app; <c>migrate</c> applies migrations and seeds, then exits;
/// <c>seed-demo --commitments N [--updates U] [--seed S]</c> adds synthetic demo data, then exits;
/// <c>api-keys create --name N --role Administrator|Secretariat</c> prints a new key once (on stdout, alone);
/// <c>api-keys list</c>; <c>api-keys revoke --name N</c>.
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
            case "api-keys":
                return await ApiKeysAsync(app, args);
            case "users":
                await MigrateAsync(app);
                return await UsersCommand.RunAsync(app.Services, args, Console.In, Console.Out, Console.Error);
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'. Commands: migrate, seed-demo --commitments N, api-keys create|list|revoke, users add.");
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
        Console.WriteLine($"Added {added.Commitments} synthetic commitments with {added.ProgressUpdates} progress updates (codes {added.CodePrefix}*).");
        return 0;
    }

    private static async Task<int> ApiKeysAsync(WebApplication app, string[] args)
    {
        const string usage = "Usage: api-keys create --name <n> --role <Administrator|Secretariat> | api-keys list | api-keys revoke --name <n>";
        await MigrateAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("command-line", ActorKind.System);
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        var name = Option(args, "--name");
        switch (args.ElementAtOrDefault(1))
        {
            case "create":
                ApiKeyRole? role = Enum.TryParse<ApiKeyRole>(Option(args, "--role"), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
                var created = await keys.CreateAsync(name, role, CancellationToken.None);
                if (!created.Succeeded)
                {
                    await Console.Error.WriteLineAsync(Describe(created.Error) + Environment.NewLine + usage);
                    return 2;
                }

                await Console.Error.WriteLineAsync($"Created API key '{created.Value.ApiKey.Name}' ({created.Value.ApiKey.Role}). It is shown once, below; store it now.");
                Console.WriteLine(created.Value.Key);
                return 0;
            case "list":
                foreach (var key in await keys.ListAsync(CancellationToken.None))
                {
                    Console.WriteLine(string.Join('\t', key.Name, key.Role, $"created {key.CreatedAt:O}", key.LastUsedAt is { } used ? $"last used {used:O}" : "never used", key.RevokedAt is { } revoked ? $"revoked {revoked:O}" : "active"));
                }

                return 0;
            case "revoke" when name is not null:
                var result = await keys.RevokeAsync(name, CancellationToken.None);
                await (result.Succeeded ? Console.Out.WriteLineAsync($"Revoked API key '{name}'.") : Console.Error.WriteLineAsync(Describe(result.Error)));
                return result.Succeeded ? 0 : 1;
            default:
                await Console.Error.WriteLineAsync(usage);
                return 2;
        }
    }

    private static string Describe(Error error) =>
        error.FieldErrors is { Count: > 0 } fields ? string.Join(Environment.NewLine, fields.SelectMany(f => f.Value.Select(m => $"{f.Key}: {m}"))) : error.Message;

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int? IntOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : null;
    }
}
