using System.Text.Json.Serialization;
using WsisTracker.Core.Countries;

namespace WsisTracker.Web.Api.Contracts;

/// <summary>A country's membership of a grouping to record.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class MembershipRequest
{
    /// <summary>The grouping: <c>ldc</c>, <c>lldc</c> or <c>sids</c>.</summary>
    /// <example>ldc</example>
    public string? Grouping { get; init; }

    /// <summary>The first day of membership; none when the start is not known.</summary>
    /// <example>2025-01-01</example>
    public DateOnly? From { get; init; }

    /// <summary>The first day the country is no longer a member (its graduation); none while it is one.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Where the fact comes from, at most 4,000 characters.</summary>
    /// <example>UN-OHRLLS, list of least developed countries</example>
    public string? Source { get; init; }

    public MembershipInput ToInput() => new(Grouping, From, To, Source);
}

/// <summary>The end of a membership: the first day the country is no longer a member.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class MembershipEndRequest
{
    /// <summary>The first day the country is no longer a member (its graduation).</summary>
    /// <example>2026-11-24</example>
    public DateOnly? To { get; init; }

    /// <summary>Where the fact comes from; the membership's source stays when none.</summary>
    public string? Source { get; init; }
}
