namespace WsisTracker.Core.Reports;

public enum PrincipalKind
{
    User,
    ApiKey,
}

/// <summary>
/// Who asks <see cref="ProgressReportService"/> for something: a staff user (by id) or an API key (by id), whether
/// they review (the secretariat and administrators), and the stakeholders they report for. A contributor's
/// stakeholders come from <c>staff_user_stakeholders</c> (<see cref="ContributorScope.ForUserAsync"/>); an API key's
/// from the key. The service decides everything from this: front ends only build it.
/// </summary>
public sealed record ReportPrincipal(PrincipalKind Kind, string Id, bool IsReviewer, IReadOnlyList<int> StakeholderIds)
{
    public static ReportPrincipal User(string userId, bool isReviewer, IReadOnlyList<int> stakeholderIds) =>
        new(PrincipalKind.User, userId, isReviewer, stakeholderIds);

    public static ReportPrincipal ApiKey(int apiKeyId, bool isReviewer, IReadOnlyList<int> stakeholderIds) =>
        new(PrincipalKind.ApiKey, apiKeyId.ToString(System.Globalization.CultureInfo.InvariantCulture), isReviewer, stakeholderIds);

    /// <summary>Reports for at least one stakeholder.</summary>
    public bool IsContributor => StakeholderIds.Count > 0;
}
