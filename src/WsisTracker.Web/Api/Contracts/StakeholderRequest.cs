using System.Text.Json.Serialization;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Web.Api.Contracts;

/// <summary>A stakeholder as a tool sends it (POST creates, PUT replaces).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class StakeholderRequest
{
    /// <example>Digital Access Alliance</example>
    public string? Name { get; init; }

    /// <example>DAA</example>
    public string? Acronym { get; init; }

    public StakeholderGroup? Group { get; init; }

    /// <summary>ISO 3166-1 alpha-3.</summary>
    /// <example>KEN</example>
    public string? CountryCode { get; init; }

    /// <summary>
    /// True for a stakeholder standing for several governments or organisations together (such as Member States): it
    /// names no country. A Governments stakeholder that is not collective names its country. Absent means false.
    /// </summary>
    /// <example>false</example>
    public bool? IsCollective { get; init; }

    /// <example>https://example.org</example>
    public string? Website { get; init; }

    public StakeholderInput ToInput() => new(Name, Acronym, Group, CountryCode, Website, IsCollective ?? false);
}
