using System.Globalization;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Web.Infrastructure;

/// <summary>How pages write dates, statuses and groups: dates as "d MMMM yyyy", instants in UTC ISO 8601.</summary>
public static class PageFormat
{
    public static string Date(DateOnly? date) => date?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string IsoDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Instant(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";

    public static string IsoInstant(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    public static string Status(CommitmentStatus status) => Commitment.StatusLabel(status);

    /// <summary>The query-string value of a status, as the API spells it (camelCase).</summary>
    public static string StatusValue(CommitmentStatus status) => Camel(status.ToString());

    public static string GroupValue(StakeholderGroup group) => Camel(group.ToString());

    /// <summary>A reporting status in words, always written out (never shown by colour alone).</summary>
    public static string Reporting(ReportingStatus status) => status switch
    {
        ReportingStatus.UpToDate => "up to date",
        ReportingStatus.Due => "report due",
        ReportingStatus.Overdue => "report overdue",
        ReportingStatus.Inactive => "inactive",
        ReportingStatus.NotApplicable => "not applicable",
        _ => status.ToString(),
    };

    /// <summary>The query-string value of a reporting status, as the API spells it (camelCase).</summary>
    public static string ReportingValue(ReportingStatus status) => Camel(status.ToString());

    /// <summary>What a commitment nobody has reported on shows in place of its implementation status.</summary>
    public const string NoReportYet = "no report yet";

    public static string Group(StakeholderGroup group) => group switch
    {
        StakeholderGroup.Governments => "Governments",
        StakeholderGroup.PrivateSector => "Private sector",
        StakeholderGroup.CivilSociety => "Civil society",
        StakeholderGroup.InternationalOrganizations => "International organizations",
        StakeholderGroup.TechnicalCommunity => "Technical community",
        StakeholderGroup.AcademicCommunity => "Academic community",
        _ => group.ToString(),
    };

    /// <summary>"1 commitment", "16 commitments".</summary>
    public static string Count(int count, string singular) => count == 1 ? $"1 {singular}" : $"{count} {singular}s";

    public static string Percent(int? value) => value is { } v ? $"{v} %" : "none reported";

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
