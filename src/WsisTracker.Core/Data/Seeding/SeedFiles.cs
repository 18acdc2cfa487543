using System.Text.Json;
using System.Text.Json.Serialization;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Core.Data.Seeding;

/// <summary>The shapes of the JSON reference files shipped in <c>Data/Seeding/Data</c>.</summary>
internal static class SeedFiles
{
    public const string ActionLines = "action-lines.json";
    public const string Stakeholders = "stakeholders.json";
    public const string Groupings = "grouping-changes.json";
    public const string InternetUse = "API_IT.NET.USER.ZS.csv";
    public const string InternetUseCode = "IT.NET.USER.ZS";
    public const string IndicatorLinks = "indicator-links.json";

    /// <summary>The resolution texts, oldest first, each with the file of commitments read from it.</summary>
    public static readonly IReadOnlyList<(string Text, string Commitments)> Resolutions =
    [
        ("A-RES-70-125.txt", "commitments-a-res-70-125.json"),
        ("A-RES-80-173.txt", "commitments-a-res-80-173.json"),
    ];

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static T Read<T>(string fileName)
    {
        using var stream = SeedData.Open(fileName);
        return JsonSerializer.Deserialize<T>(stream, Options)
            ?? throw new InvalidOperationException($"Seed file '{fileName}' is empty.");
    }
}

internal sealed record ActionLineSeed(
    string Code,
    string Title,
    List<string>? AlternateTitles,
    List<string> Facilitators,
    List<string> CoFacilitators,
    List<int>? Sdgs,
    List<SdgTargetSeed>? SdgTargets,
    string? Notes,
    List<string>? Sources,
    List<ActionLineSeed>? SubLines);

internal sealed record SdgTargetSeed(int Sdg, List<string> Targets);

internal sealed record StakeholderSeed(
    string Slug,
    string Name,
    string? Acronym,
    StakeholderGroup Group,
    string? Country,
    string? Website,
    string? FacilitatorAcronym,
    bool Collective = false);

internal sealed record CommitmentFileSeed(string Resolution, List<CommitmentSeed> Commitments);

internal sealed record CommitmentSeed(
    string Key,
    string Title,
    string Description,
    List<int> Paragraphs,
    List<string> ActionLines,
    List<string> Lead,
    List<string> Partners,
    DateOnly? TargetDate,
    string? DateText,
    ReportingCadence? ReportingCadence,
    List<LineageSeed>? Lineage,
    List<ProgressSeed>? SeedProgress);

internal sealed record LineageSeed(LineageKind Kind, string Of, string Paragraphs);

internal sealed record ProgressSeed(
    CommitmentStatus Status,
    int? ProgressPercent,
    DateOnly AsOf,
    string Note,
    List<string> Evidence,
    List<ParagraphCitationSeed>? CitesParagraphs);

internal sealed record ParagraphCitationSeed(string Resolution, int? Paragraph);

internal sealed record GroupingFileSeed(List<GroupingSeed> Groupings, List<GroupingChangeSeed> Changes);

internal sealed record GroupingSeed(string Code, string Name, string Source);

/// <summary>A documented change the M49 export does not show: a membership that ended (a graduation).</summary>
internal sealed record GroupingChangeSeed(string Country, string Grouping, DateOnly? From, DateOnly To, string Source);

internal sealed record IndicatorLinkFileSeed(List<IndicatorLinkSeed> Links);

/// <summary>A seeded commitment whose text sets a connectivity goal, with the indicator and target it is read on.</summary>
internal sealed record IndicatorLinkSeed(string Commitment, string Indicator, double Target, int Year, string Why);
