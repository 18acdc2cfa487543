using WsisTracker.Core.Common;

namespace WsisTracker.Core.Reporting;

/// <summary>
/// A call for inputs: the window in which the secretariat expects a report on each commitment it covers (all, or
/// those of a resolution, an action line or a stakeholder). Closing it stores what was known at that moment as a
/// snapshot (<see cref="Snapshot"/>), from which its report is produced ever after (decision 086).
/// </summary>
public sealed class ReportingCycle : IVersioned
{
    public int Id { get; set; }

    /// <summary>E.g. "Report of the Secretary-General, 2027".</summary>
    public required string Name { get; set; }

    /// <summary>The first day a report counts for the cycle (UTC).</summary>
    public DateOnly OpensOn { get; set; }

    /// <summary>The last day a report is on time; a report recorded after it, before the close, arrived late.</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>Scope: only the commitments citing this resolution (slug); null for all.</summary>
    public string? ResolutionSlug { get; set; }

    /// <summary>Scope: only the commitments under this action line (code; C7 includes its sub-lines); null for all.</summary>
    public string? ActionLineCode { get; set; }

    /// <summary>Scope: only the commitments naming this stakeholder (slug); null for all.</summary>
    public string? StakeholderSlug { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>When the cycle was closed; null while it is open.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The compiled report as it stood at the close (JSON of <see cref="CycleReport"/>); null while open.</summary>
    public string? Snapshot { get; private set; }

    /// <summary>Optimistic concurrency token, mapped to PostgreSQL's <c>xmin</c>.</summary>
    public uint Version { get; set; }

    public bool IsClosed => ClosedAt is not null;

    /// <summary>Closes the cycle and freezes its report; a closed cycle stays closed.</summary>
    public Result<ReportingCycle> Close(string snapshot, DateTimeOffset now)
    {
        if (ClosedAt is not null)
        {
            return new Error(ErrorKind.Conflict, "cycle-closed", "The reporting cycle is already closed; its report is frozen.");
        }

        ClosedAt = now;
        Snapshot = snapshot;
        return this;
    }
}
