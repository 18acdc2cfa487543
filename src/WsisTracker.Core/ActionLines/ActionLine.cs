using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Core.ActionLines;

/// <summary>
/// A WSIS action line of the Geneva Plan of Action (C1 to C11), or one of the eight C7 sub-lines
/// (whose codes C7.1 to C7.8 are this project's own ordering, not official codes).
/// </summary>
public sealed class ActionLine
{
    public int Id { get; set; }

    public required string Code { get; set; }

    public required string Title { get; set; }

    public List<string> AlternateTitles { get; set; } = [];

    public int Order { get; set; }

    public int? ParentId { get; set; }

    public ActionLine? Parent { get; set; }

    public List<ActionLine> SubLines { get; set; } = [];

    public List<ActionLineFacilitator> Facilitators { get; set; } = [];

    /// <summary>SDG numbers linked by the WSIS-SDG Matrix (2017 encoding; see <see cref="ProvenanceNotes"/>).</summary>
    public List<int> Sdgs { get; set; } = [];

    /// <summary>SDG targets, e.g. <c>9.c</c>; a bare goal number means the goal as a whole.</summary>
    public List<string> SdgTargets { get; set; } = [];

    public string? ProvenanceNotes { get; set; }

    public List<string> Sources { get; set; } = [];

    /// <summary>"C7 E-health" for a sub-line, the code otherwise: sub-line codes are not official.</summary>
    public string DisplayCode => Parent is null ? Code : $"{Parent.Code} {Title}";
}

public enum FacilitatorRole
{
    Facilitator,
    CoFacilitator,
}

public sealed class ActionLineFacilitator
{
    public int ActionLineId { get; set; }

    public int StakeholderId { get; set; }

    public Stakeholder? Stakeholder { get; set; }

    public FacilitatorRole Role { get; set; }
}
