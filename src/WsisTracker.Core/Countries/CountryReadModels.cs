namespace WsisTracker.Core.Countries;

public sealed record RegionModel(string Code, RegionLevel Level, string? ParentCode, LocalizedNames Names);

public sealed record GroupingModel(string Code, string Name, string Source);

/// <summary>One dated membership of a grouping (<see cref="GroupingMembership"/>).</summary>
public sealed record MembershipModel(int Id, string Grouping, DateOnly? From, DateOnly? To, string? Source, uint Version);

/// <summary>A country in a list, with the groupings it belongs to on the list's date.</summary>
public sealed record CountryListItem(
    string Iso3,
    string Iso2,
    string M49,
    LocalizedNames Names,
    string? RegionCode,
    string? SubRegionCode,
    string? IntermediateRegionCode,
    IReadOnlyList<string> Groupings);

/// <summary>Countries (all, or the members of one grouping) as of a date: every figure by grouping says its date.</summary>
public sealed record CountryList(DateOnly AsOf, string? Grouping, int Count, IReadOnlyList<CountryListItem> Countries);

/// <summary>A country with its M49 areas (region, sub-region, intermediate region) and every dated membership.</summary>
public sealed record CountryDetail(
    string Iso3,
    string Iso2,
    string M49,
    LocalizedNames Names,
    IReadOnlyList<RegionModel> Areas,
    DateOnly AsOf,
    IReadOnlyList<string> Groupings,
    IReadOnlyList<MembershipModel> Memberships);

/// <summary>A new membership: the grouping's code, when it starts (none: since before the records) and ends (none: still a member).</summary>
public sealed record MembershipInput(string? Grouping, DateOnly? From, DateOnly? To, string? Source);

/// <summary>A commitment a country's government leads or joins, as a country's page lists it.</summary>
public sealed record CountryCommitment(int Id, string Title, WsisTracker.Core.Commitments.CommitmentStatus Status);

/// <summary>
/// An approved progress report that covered the country (decision 131): a national one that names it
/// (<see cref="Region"/> null), or a regional one that names <see cref="Region"/>, an M49 area the country is in (the
/// narrowest of them when it names several).
/// </summary>
public sealed record CoveringReport(int CommitmentId, string CommitmentTitle, string Stakeholder, DateOnly AsOf, WsisTracker.Core.Commitments.GeographicScopeKind Scope, string? Region);

/// <summary>A country's latest value of an indicator.</summary>
public sealed record CountryIndicator(string Code, string Name, string Attribution, int Year, double Value);

/// <summary>A country's page: the country, its government's commitments, the approved reports that covered it and its indicators.</summary>
public sealed record CountryPage(CountryDetail Country, IReadOnlyList<CountryCommitment> Commitments, IReadOnlyList<CoveringReport> Reports)
{
    public IReadOnlyList<CountryIndicator> Indicators { get; init; } = [];

    /// <summary>The commitments whose national geographic scope covers the country (decision 113).</summary>
    public IReadOnlyList<CountryCommitment> ScopedCommitments { get; init; } = [];
}
