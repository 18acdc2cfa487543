using System.Globalization;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Countries;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Web.Infrastructure;

/// <summary>How pages write dates, statuses and groups: dates as "d MMMM yyyy", instants in UTC ISO 8601.</summary>
public static class PageFormat
{
    public static string Date(DateOnly? date) => date?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The groupings the filters offer, with their labels.</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> Groupings =
        [("ldc", "Least developed countries (LDC)"), ("lldc", "Landlocked developing countries (LLDC)"), ("sids", "Small island developing States (SIDS)")];

    public static string GroupingLabel(string code) => Groupings.FirstOrDefault(g => g.Code == code).Label ?? code;

    /// <summary>A country's or area's name for the page's culture (English until the pages are translated).</summary>
    public static string Name(LocalizedNames names) => names.In(CultureInfo.CurrentUICulture);

    /// <summary>The <c>lang</c> of a name <see cref="Name"/> shows: stored M49 names are in their own language, English where the culture has none.</summary>
    public static string NameLanguage() => LocalizedNames.LanguageOf(CultureInfo.CurrentUICulture);

    /// <summary>An M49 area in a list: its name, indented by its level, and its code.</summary>
    public static string RegionLabel(RegionModel region) => region.Level switch
    {
        RegionLevel.SubRegion => "\u2003",
        RegionLevel.IntermediateRegion => "\u2003\u2003",
        _ => "",
    } + $"{Name(region.Names)} ({region.Code})";

    /// <summary>A membership's period in words.</summary>
    public static string Period(DateOnly? from, DateOnly? to) =>
        (from is null ? "since before the records" : "from " + Date(from)) + (to is null ? "" : " until " + Date(to.Value.AddDays(-1)) + " (left on " + Date(to) + ")");

    public static string IsoDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Instant(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";

    public static string IsoInstant(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    public static string Status(CommitmentStatus status) => Commitment.StatusLabel(status);

    /// <summary>The query-string value of a status, as the API spells it (camelCase).</summary>
    public static string StatusValue(CommitmentStatus status) => Camel(status.ToString());

    public static string GroupValue(StakeholderGroup group) => Camel(group.ToString());

    /// <summary>A geographic scope's kind as the API spells it (camelCase: <c>global</c>, <c>regional</c>, <c>national</c>).</summary>
    public static string ScopeValue(GeographicScopeKind kind) => Camel(kind.ToString());

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
