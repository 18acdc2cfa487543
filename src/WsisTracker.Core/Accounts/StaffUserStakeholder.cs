using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Core.Accounts;

/// <summary>
/// A contributor is the focal point of this stakeholder: they report progress for the commitments it leads or
/// partners on (table <c>staff_user_stakeholders</c>). Only contributors have such links.
/// </summary>
public sealed class StaffUserStakeholder
{
    public required string StaffUserId { get; set; }

    public int StakeholderId { get; set; }

    public Stakeholder? Stakeholder { get; set; }
}
