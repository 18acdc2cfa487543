using System.ComponentModel.DataAnnotations;
using WsisTracker.Core.ActionLines;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Countries;
using WsisTracker.Core.Indicators;
using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Web.Areas.Workspace.Controllers;

/// <summary>The record-progress form. Evidence links are one per line.</summary>
public sealed record ProgressForm
{
    [Display(Name = "Status")]
    public CommitmentStatus? Status { get; init; }

    [Display(Name = "Progress (%)")]
    public int? ProgressPercent { get; init; }

    [Display(Name = "Note")]
    public string? Note { get; init; }

    [Display(Name = "Evidence links (one per line)")]
    public string? EvidenceLinks { get; init; }

    [Display(Name = "As of")]
    public DateOnly? AsOf { get; init; }

    public uint Version { get; init; }

    public IReadOnlyList<string> EvidenceLinkList() =>
        (EvidenceLinks ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed record ProgressPage(CommitmentDetail Commitment, ProgressForm Form, CommitmentDetail? Conflict = null);

public sealed record MilestoneForm
{
    public string? Title { get; init; }

    public DateOnly? DueDate { get; init; }

    public DateOnly? CompletedDate { get; init; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Title) && DueDate is null && CompletedDate is null;
}

/// <summary>
/// The create/edit form of a commitment. <see cref="Intent"/> is <c>search</c> when the editor searched the
/// resolution text for paragraphs to cite (the form comes back with results, nothing saved) and <c>save</c> otherwise.
/// </summary>
public sealed record CommitmentForm
{
    [Display(Name = "Title")]
    public string? Title { get; init; }

    [Display(Name = "Description")]
    public string? Description { get; init; }

    /// <summary>Cited paragraphs as <c>resolution-slug:number</c>.</summary>
    public List<string> Paragraphs { get; init; } = [];

    [Display(Name = "Search the resolutions' paragraphs")]
    public string? ParagraphQuery { get; init; }

    [Display(Name = "Action lines")]
    public List<string> ActionLines { get; init; } = [];

    [Display(Name = "Lead stakeholders")]
    public List<string> LeadStakeholders { get; init; } = [];

    [Display(Name = "Partner stakeholders")]
    public List<string> PartnerStakeholders { get; init; } = [];

    [Display(Name = "Target date")]
    public DateOnly? TargetDate { get; init; }

    [Display(Name = "Target date in the resolution's words")]
    public string? TargetDateText { get; init; }

    [Display(Name = "Reporting cadence")]
    public ReportingCadence? ReportingCadence { get; init; }

    public List<MilestoneForm> Milestones { get; init; } = [];

    public ScopeForm Scope { get; init; } = new();
    /// <summary>The indicator its measurable target is read on; all fields empty for none.</summary>
    public IndicatorLinkForm Indicator { get; init; } = new();

    public uint Version { get; init; }

    public string? Intent { get; init; }

    public bool IsSearch => string.Equals(Intent, "search", StringComparison.Ordinal);

    public CommitmentInput ToInput() => new(
        Title,
        Description,
        Paragraphs.Select(ParagraphSearch.ParseKey).OfType<ParagraphKey>().ToList(),
        ActionLines,
        LeadStakeholders,
        PartnerStakeholders,
        TargetDate,
        TargetDateText,
        ReportingCadence,
        Milestones.Where(m => !m.IsBlank).Select(m => new MilestoneInput(m.Title ?? "", m.DueDate, m.CompletedDate)).ToList())
    {
        Scope = Scope.ToInput(),
        Indicator = new IndicatorLinkInput(Indicator.Code, Indicator.Target, Indicator.TargetYear),
    };

    public static CommitmentForm From(CommitmentDetail c) => new()
    {
        Title = c.Title,
        Description = c.Description,
        Paragraphs = c.Paragraphs.Where(p => p.Number is not null).Select(p => ParagraphSearch.FormatKey(p.ResolutionSlug, p.Part, p.Number, p.SubParagraph)).ToList(),
        ActionLines = c.ActionLines.Select(a => a.Code).ToList(),
        LeadStakeholders = c.Stakeholders.Where(s => s.Role == StakeholderRole.Lead).Select(s => s.Slug).ToList(),
        PartnerStakeholders = c.Stakeholders.Where(s => s.Role == StakeholderRole.Partner).Select(s => s.Slug).ToList(),
        TargetDate = c.TargetDate,
        TargetDateText = c.TargetDateText,
        ReportingCadence = c.ReportingCadence,
        Milestones = c.Milestones.Select(m => new MilestoneForm { Title = m.Title, DueDate = m.DueDate, CompletedDate = m.CompletedDate }).ToList(),
        Scope = ScopeForm.From(c.Scope),
        Indicator = c.Indicator is { } link ? new IndicatorLinkForm { Code = link.Code, Target = link.Target, TargetYear = link.TargetYear } : new(),
        Version = c.Version,
    };
}

/// <summary>The indicator fieldset of the commitment form: a series, a target value (in the page's culture) and a year.</summary>
public sealed record IndicatorLinkForm
{
    [Display(Name = "Indicator series")]
    public string? Code { get; init; }

    [Display(Name = "Target value")]
    public double? Target { get; init; }

    [Display(Name = "Target year")]
    public int? TargetYear { get; init; }
}

/// <summary>
/// The geographic scope fieldset of the commitment form: the kind (global by default), the M49 regions chosen and the
/// countries as ISO 3166-1 alpha-3 codes separated by commas or spaces. The rule is <see cref="GeographicScope.Validate"/>'s.
/// </summary>
public sealed record ScopeForm
{
    [Display(Name = "Geographic scope")]
    public GeographicScopeKind? Kind { get; init; } = GeographicScopeKind.Global;

    [Display(Name = "Regions")]
    public List<string> Regions { get; init; } = [];

    [Display(Name = "Countries (ISO 3166-1 alpha-3 codes, such as KEN, PER)")]
    public string? Countries { get; init; }

    public GeographicScopeInput ToInput() =>
        new(Kind, Regions, (Countries ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    public static ScopeForm From(GeographicScopeModel scope) =>
        new() { Kind = scope.Kind, Regions = [.. scope.Regions], Countries = string.Join(", ", scope.Countries) };
}

/// <summary>
/// Everything the commitment form shows: the form, the choices, the paragraphs found by a search, and on a conflict
/// the commitment as it now stands.
/// </summary>
public sealed record CommitmentFormPage(
    int? Id,
    CommitmentForm Form,
    IReadOnlyList<ParagraphChoice> Cited,
    IReadOnlyList<ParagraphChoice> Found,
    IReadOnlyList<ActionLineModel> ActionLines,
    IReadOnlyList<StakeholderModel> Stakeholders,
    CommitmentDetail? Conflict = null)
{
    /// <summary>The M49 areas below the world a regional scope may name.</summary>
    public IReadOnlyList<RegionModel> Regions { get; init; } = [];
    /// <summary>The imported indicator series the form offers, by code.</summary>
    public IReadOnlyList<IndicatorModel> Indicators { get; init; } = [];
}

public sealed record WithdrawForm
{
    [Display(Name = "Reason")]
    public string? Reason { get; init; }

    public uint Version { get; init; }
}

public sealed record WithdrawPage(CommitmentDetail Commitment, WithdrawForm Form, bool IsConflict = false);

public sealed record WorkspaceIndexPage(PagedResult<CommitmentSummary> Commitments, CommitmentStatus? Status, string? Resolution)
{
    /// <summary>Voluntary commitments proposed by contributors, waiting to be published.</summary>
    public IReadOnlyList<CommitmentSummary> Proposals { get; init; } = [];
}
