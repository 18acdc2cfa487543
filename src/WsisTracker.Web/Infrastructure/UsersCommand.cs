using WsisTracker.Core.Accounts;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// <c>users add --email E --role Administrator|Secretariat|Contributor [--stakeholder SLUG[,SLUG...]] --password-stdin</c>:
/// creates a staff account; a contributor names the stakeholders they are focal point of. The password
/// is read from standard input (first line), never from the command line, so it stays out of shell history and
/// process lists. Bad input prints what is wrong and exits with 2; nothing is created.
/// </summary>
public static class UsersCommand
{
    public const string Usage = "Usage: users add --email <e-mail> --role <Administrator|Secretariat|Contributor> [--stakeholder <slug>[,<slug>...]] --password-stdin (the password is read from standard input; a contributor names the stakeholders they report for).";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (args is not ["users", "add", ..])
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var email = Option(args, "--email");
        var role = Option(args, "--role");
        var stakeholders = Option(args, "--stakeholder")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var known = new HashSet<string>(["--email", "--role", "--stakeholder", "--password-stdin"], StringComparer.Ordinal);
        var unknown = args.Skip(2).Where(a => a.StartsWith("--", StringComparison.Ordinal) && !known.Contains(a)).ToList();
        if (unknown.Count > 0 || email is null || role is null || !args.Contains("--password-stdin"))
        {
            var problem = unknown.Count > 0 ? $"Unknown option {unknown[0]}." : email is null ? "Give --email." : role is null ? "Give --role." : "Give --password-stdin and the password on standard input.";
            await error.WriteLineAsync($"{problem} {Usage}");
            return 2;
        }

        var password = (await input.ReadLineAsync())?.TrimEnd('\r');
        await using var scope = services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, role, password, stakeholders);
        if (!created.Succeeded)
        {
            foreach (var (field, messages) in created.Error.FieldErrors ?? new Dictionary<string, string[]>())
            {
                foreach (var message in messages)
                {
                    await error.WriteLineAsync($"{field}: {message}");
                }
            }

            return 2;
        }

        var focal = created.Value!.Stakeholders.Count > 0 ? $" for {string.Join(", ", created.Value.Stakeholders)}" : "";
        await output.WriteLineAsync($"Created {created.Value.Role} {created.Value.Email}{focal}.");
        if (StaffRoles.RequiresTwoFactor(created.Value.Role))
        {
            await output.WriteLineAsync(TwoFactorNote);
        }

        return 0;
    }

    public const string TwoFactorNote =
        "Administrators sign in with two factors: at the first sign-in (/account/login) the page shows a key to add to an authenticator app and asks for the code it shows; then it shows ten recovery codes, once, to keep safe. Every later sign-in asks for a code after the password.";

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && !args[index + 1].StartsWith("--", StringComparison.Ordinal) ? args[index + 1] : null;
    }
}
