using WsisTracker.Core.Common;

namespace WsisTracker.Core.Stakeholders;

/// <summary>The six stakeholder groups that A/RES/70/125 names.</summary>
public enum StakeholderGroup
{
    Governments,
    PrivateSector,
    CivilSociety,
    InternationalOrganizations,
    TechnicalCommunity,
    AcademicCommunity,
}

public sealed class Stakeholder : IVersioned
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public string? Acronym { get; set; }

    public StakeholderGroup Group { get; set; }

    /// <summary>ISO 3166-1 alpha-3 code, upper case.</summary>
    public string? CountryCode { get; set; }

    /// <summary>
    /// True for a stakeholder that stands for several governments or organisations together ("Member States"): it names
    /// no country. A Governments stakeholder that is not collective is one government and names its country (decision 133).
    /// </summary>
    public bool IsCollective { get; set; }

    public string? Website { get; set; }

    /// <summary>True for demo data made by <c>seed-demo</c>; shown as synthetic wherever it appears.</summary>
    public bool IsSynthetic { get; set; }

    public uint Version { get; set; }
}
