namespace WsisTracker.Core.Accounts;

/// <summary>
/// The three roles. An administrator manages users and API keys and can do everything the secretariat does;
/// the secretariat creates and edits commitments and stakeholders, records progress and reviews progress reports.
/// A contributor is the focal point of one or more stakeholders (<see cref="StaffUserStakeholder"/>): they draft
/// and submit progress reports on the commitments those stakeholders lead or partner on, and edit nothing else.
/// </summary>
public static class StaffRoles
{
    public const string Administrator = "Administrator";
    public const string Secretariat = "Secretariat";
    public const string Contributor = "Contributor";

    /// <summary>For <c>[Authorize(Roles = ...)]</c>: anyone who may edit. Contributors are not editors.</summary>
    public const string Editors = Administrator + "," + Secretariat;

    /// <summary>Who reviews progress reports: the editors.</summary>
    public static bool IsReviewer(string? role) => role is Administrator or Secretariat;

    public static readonly IReadOnlyList<string> All = [Administrator, Secretariat, Contributor];

    /// <summary>Administrators must sign in with a second factor (an authenticator code); the secretariat may choose to.</summary>
    public static bool RequiresTwoFactor(string role) => role == Administrator;

    /// <summary>The role's canonical spelling, or null when <paramref name="name"/> names no role.</summary>
    public static string? Find(string? name) =>
        All.FirstOrDefault(role => string.Equals(role, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
