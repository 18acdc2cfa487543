using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Indicators;

namespace WsisTracker.Web.Api.Contracts;

/// <summary>A commitment as a tool sends it (POST creates, PUT replaces; PATCH merges into this shape).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class CommitmentRequest
{
    /// <summary>A short title, at most 200 characters.</summary>
    /// <example>Connect all schools to the Internet</example>
    public string? Title { get; init; }

    /// <summary>What is to be done, at most 4000 characters.</summary>
    /// <example>Member States connect every primary and secondary school to broadband Internet.</example>
    public string? Description { get; init; }

    /// <summary>The operative paragraphs the commitment comes from (at least one).</summary>
    public IReadOnlyList<ParagraphReference>? Paragraphs { get; init; }

    /// <summary>Action-line codes (at least one), e.g. <c>C2</c> or <c>C7.4</c>.</summary>
    /// <example>["C2", "C4"]</example>
    public IReadOnlyList<string>? ActionLines { get; init; }

    /// <summary>Slugs of the lead stakeholders (at least one).</summary>
    /// <example>["member-states"]</example>
    public IReadOnlyList<string>? LeadStakeholders { get; init; }

    /// <summary>Slugs of partner stakeholders.</summary>
    /// <example>["itu", "unesco"]</example>
    public IReadOnlyList<string>? PartnerStakeholders { get; init; }

    /// <summary>The target date, between 2000-01-01 and 2100-12-31.</summary>
    /// <example>2030-12-31</example>
    public DateOnly? TargetDate { get; init; }

    /// <summary>The words of the resolution that give the target date.</summary>
    /// <example>by 2030</example>
    public string? TargetDateText { get; init; }

    public ReportingCadence? ReportingCadence { get; init; }

    /// <summary>The milestones in order (at most 50); they replace the commitment's milestones.</summary>
    public IReadOnlyList<MilestoneRequest>? Milestones { get; init; }

    /// <summary>
    /// Where the commitment applies (decision 113). Left out of a POST or PUT, or null, the commitment is global: a PUT
    /// replaces the whole commitment, its scope included.
    /// </summary>
    public ScopeRequest? Scope { get; init; }

    /// <summary>
    /// The indicator a measurable target is read on; null or absent for none (PUT removes a link it leaves out; a
    /// PATCH removes it with <c>"indicator": null</c>).
    /// </summary>
    public IndicatorLinkRequest? Indicator { get; init; }

    public CommitmentInput ToInput() => new(
        Title,
        Description,
        Paragraphs?.Select(p => new ParagraphKey(p?.Resolution ?? "", p?.Number ?? 0) { Part = p?.Part, SubParagraph = p?.SubParagraph }).ToList(),
        ActionLines,
        LeadStakeholders,
        PartnerStakeholders,
        TargetDate,
        TargetDateText,
        ReportingCadence,
        Milestones?.Select(m => new MilestoneInput(m?.Title ?? "", m?.DueDate, m?.CompletedDate)).ToList())
    {
        Scope = Scope?.ToInput() ?? ScopeRequest.GlobalInput,
        Indicator = Indicator is { } link ? new IndicatorLinkInput(link.Code, link.Target, link.TargetYear) : null,
    };

    /// <summary>The request that would define the commitment as it is: the base a merge patch applies to.</summary>
    public static CommitmentRequest From(CommitmentDetail c) => new()
    {
        Title = c.Title,
        Description = c.Description,
        Paragraphs = c.Paragraphs.Where(p => p.Number is not null).Select(p => new ParagraphReference { Resolution = p.ResolutionSlug, Part = p.Part, Number = p.Number, SubParagraph = p.SubParagraph }).ToList(),
        ActionLines = c.ActionLines.Select(a => a.Code).ToList(),
        LeadStakeholders = c.Stakeholders.Where(s => s.Role == StakeholderRole.Lead).Select(s => s.Slug).ToList(),
        PartnerStakeholders = c.Stakeholders.Where(s => s.Role == StakeholderRole.Partner).Select(s => s.Slug).ToList(),
        TargetDate = c.TargetDate,
        TargetDateText = c.TargetDateText,
        ReportingCadence = c.ReportingCadence,
        Milestones = c.Milestones.Select(m => new MilestoneRequest { Title = m.Title, DueDate = m.DueDate, CompletedDate = m.CompletedDate }).ToList(),
        Scope = new ScopeRequest { Kind = c.Scope.Kind, Regions = c.Scope.Regions, Countries = c.Scope.Countries },
        Indicator = c.Indicator is { } link ? new IndicatorLinkRequest { Code = link.Code, Target = link.Target, TargetYear = link.TargetYear } : null,
    };
}

/// <summary>
/// A commitment's or a progress report's geographic scope: <c>global</c> (no codes), <c>regional</c> (the M49 codes of regions, sub-regions or
/// intermediate regions) or <c>national</c> (ISO 3166-1 alpha-3 codes of countries of the M49 list).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class ScopeRequest
{
    /// <example>national</example>
    public GeographicScopeKind? Kind { get; init; }

    /// <summary>For a regional scope, 1 to 250 three-digit M49 codes (<c>002</c> Africa, <c>034</c> Southern Asia); else empty or left out.</summary>
    /// <example>[]</example>
    public IReadOnlyList<string>? Regions { get; init; }

    /// <summary>For a national scope, 1 to 250 ISO 3166-1 alpha-3 codes; else empty or left out.</summary>
    /// <example>["KEN", "PER"]</example>
    public IReadOnlyList<string>? Countries { get; init; }

    internal static readonly GeographicScopeInput GlobalInput = new(GeographicScopeKind.Global, [], []);

    public GeographicScopeInput ToInput() => new(Kind, Regions, Countries);
}

/// <summary>
/// A measurable target read on an imported indicator series (<c>GET /api/v1/indicators</c>): the three members
/// together. A share in percent (a code ending in <c>.ZS</c>) takes a target between 0 and 100.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class IndicatorLinkRequest
{
    /// <summary>The code of an imported series.</summary>
    /// <example>IT.NET.USER.ZS</example>
    public string? Code { get; init; }

    /// <summary>The target value, in the series' unit.</summary>
    /// <example>100</example>
    public double? Target { get; init; }

    /// <summary>The year the target is due, between 2000 and 2100.</summary>
    /// <example>2030</example>
    public int? TargetYear { get; init; }
}

/// <summary>An operative paragraph of a stored resolution.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class ParagraphReference
{
    /// <summary>The resolution's slug.</summary>
    /// <example>a-res-80-173</example>
    public string? Resolution { get; init; }

    /// <summary>The annex the paragraph stands in (its key, e.g. <c>annex</c>), or null for the resolution's own paragraphs.</summary>
    /// <example>null</example>
    public string? Part { get; init; }

    /// <summary>The operative paragraph number.</summary>
    /// <example>99</example>
    public int? Number { get; init; }

    /// <summary>
    /// A sub-paragraph of the paragraph to cite instead of the whole: its labels joined by hyphens (<c>b</c> for (b),
    /// <c>b-ii</c> for (b) (ii)); null or absent cites the whole paragraph. An unknown sub-paragraph is refused.
    /// </summary>
    /// <example>null</example>
    public string? SubParagraph { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class MilestoneRequest
{
    /// <example>Half of all schools connected</example>
    public string? Title { get; init; }

    /// <example>2027-12-31</example>
    public DateOnly? DueDate { get; init; }

    /// <summary>When it was done; not in the future.</summary>
    public DateOnly? CompletedDate { get; init; }
}

/// <summary>A progress update; the commitment's status and progress move to it.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class RecordProgressRequest
{
    [Required]
    public CommitmentStatus? Status { get; init; }

    /// <summary>Whole percent, 0 to 100; 100 or empty for <c>achieved</c>, empty or 0 for <c>notStarted</c>.</summary>
    /// <example>40</example>
    public int? ProgressPercent { get; init; }

    /// <summary>Required for a change to offTrack or discontinued, a fall in progress, or reopening.</summary>
    /// <example>Pilot in 120 schools completed.</example>
    public string? Note { get; init; }

    /// <summary>Absolute http(s) links, at most 10.</summary>
    /// <example>["https://example.org/report-2026.pdf"]</example>
    public IReadOnlyList<string>? EvidenceLinks { get; init; }

    /// <summary>The date the update describes; not in the future, not before the latest update.</summary>
    /// <example>2026-06-30</example>
    [Required]
    public DateOnly? AsOf { get; init; }

    /// <summary>The input, or the fields missing (<see cref="RecordProgressInput.From"/>, the rule the workspace form uses too).</summary>
    public Result<RecordProgressInput> ToInput() => RecordProgressInput.From(Status, ProgressPercent, Note, EvidenceLinks, AsOf);
}

/// <summary>Why a commitment is withdrawn.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class WithdrawRequest
{
    /// <example>Merged into the commitment of paragraph 99.</example>
    public string? Reason { get; init; }
}

/// <summary>A keyset page of commitments.</summary>
/// <param name="Items">The commitments of this page.</param>
/// <param name="TotalCount">How many commitments match the filters, over all pages. Always present. Counted once per filter set each time the data changes (decision 120), not on every request: it includes every write committed on any instance up to about a second ago.</param>
/// <param name="Next">The link to the next page; null on the last page.</param>
public sealed record CommitmentPage(IReadOnlyList<CommitmentSummary> Items, int TotalCount, string? Next);
