namespace WsisTracker.Core.Commitments;

public enum CommitmentStatus
{
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    Achieved,
    Discontinued,
}

/// <summary>How often the text asks for a report or an event; data on a commitment, never assumed in code.</summary>
public enum ReportingCadence
{
    Once,
    Annual,
    Biennial,
}

public enum StakeholderRole
{
    Lead,
    Partner,
}

/// <summary>How a commitment of a later review stands to an earlier one.</summary>
public enum LineageKind
{
    Continues,
    Replaces,
    Completes,
}
