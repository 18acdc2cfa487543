namespace WsisTracker.Core.Accounts;

/// <summary>
/// The two roles. An administrator manages users and API keys and can do everything the secretariat does;
/// the secretariat creates and edits commitments and stakeholders and records progress.
/// </summary>
public static class StaffRoles
{
    public const string Administrator = "Administrator";
    public const string Secretariat = "Secretariat";

    /// <summary>For <c>[Authorize(Roles = ...)]</c>: anyone who may edit.</summary>
    public const string Editors = Administrator + "," + Secretariat;

    public static readonly IReadOnlyList<string> All = [Administrator, Secretariat];

    /// <summary>Administrators must sign in with a second factor (an authenticator code); the secretariat may choose to.</summary>
    public static bool RequiresTwoFactor(string role) => role == Administrator;

    /// <summary>The role's canonical spelling, or null when <paramref name="name"/> names no role.</summary>
    public static string? Find(string? name) =>
        All.FirstOrDefault(role => string.Equals(role, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
