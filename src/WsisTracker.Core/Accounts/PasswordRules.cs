using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace WsisTracker.Core.Accounts;

/// <summary>
/// The password policy (NIST SP 800-63B): at least <see cref="MinimumLength"/> characters, long passphrases welcome
/// (up to <see cref="MaximumLength"/>), no composition rules, and none of the common passwords shipped in
/// <c>common-passwords.txt</c> (see <c>common-passwords.LICENSE.txt</c> for its source), compared without case.
/// The length rule itself is Identity's <c>PasswordOptions.RequiredLength</c>, set from <see cref="MinimumLength"/>.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<StaffUser>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 256;

    /// <summary>PBKDF2 iterations for stored passwords (OWASP's 2023 figure for PBKDF2-HMAC-SHA512 is 210,000).</summary>
    public const int HashIterations = 210_000;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim());

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        var errors = new List<IdentityError>();
        if (password is { Length: > MaximumLength })
        {
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = $"Passwords can be at most {MaximumLength} characters." });
        }

        if (password is not null && (IsCommon(password) || string.Equals(password.Trim(), user.Email, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = "This password is too common or too easy to guess; choose another, such as a few unrelated words." });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("WsisTracker.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded in WsisTracker.Core.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
