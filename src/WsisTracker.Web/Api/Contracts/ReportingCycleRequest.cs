using System.Text.Json.Serialization;
using WsisTracker.Core.Reporting;

namespace WsisTracker.Web.Api.Contracts;

/// <summary>A reporting cycle to open.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class ReportingCycleRequest
{
    /// <summary>The cycle's name, at most 200 characters.</summary>
    /// <example>Report of the Secretary-General, 2027</example>
    public string? Name { get; init; }

    /// <summary>The first day a report counts for the cycle.</summary>
    /// <example>2027-01-15</example>
    public DateOnly? OpensOn { get; init; }

    /// <summary>The last day a report is on time.</summary>
    /// <example>2027-03-31</example>
    public DateOnly? DueOn { get; init; }

    /// <summary>Only the commitments citing this resolution (slug).</summary>
    /// <example>a-res-80-173</example>
    public string? Resolution { get; init; }

    /// <summary>Only the commitments under this action line (code; <c>C7</c> includes its sub-lines).</summary>
    /// <example>C4</example>
    public string? ActionLine { get; init; }

    /// <summary>Only the commitments naming this stakeholder (slug).</summary>
    /// <example>itu</example>
    public string? Stakeholder { get; init; }

    public OpenCycleInput ToInput() => new(Name, OpensOn, DueOn, Resolution, ActionLine, Stakeholder);
}
