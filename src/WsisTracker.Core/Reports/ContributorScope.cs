using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Reports;

/// <summary>A stakeholder a principal reports for, on one commitment, with the part it plays there.</summary>
public sealed record ScopedStakeholder(int Id, string Slug, string Name, StakeholderRole Role);

/// <summary>
/// Which stakeholders a contributor reports for, and which commitments those lead or partner on: the one answer to
/// "may this principal report on this commitment", for the pages and the API alike.
/// </summary>
public sealed class ContributorScope(WsisTrackerDbContext db)
{
    /// <summary>The stakeholders the user is focal point of, by id.</summary>
    public async Task<IReadOnlyList<int>> StakeholderIdsAsync(string userId, CancellationToken cancellationToken) =>
        await db.Set<StaffUserStakeholder>().AsNoTracking().Where(l => l.StaffUserId == userId)
            .OrderBy(l => l.StakeholderId).Select(l => l.StakeholderId).ToListAsync(cancellationToken);

    /// <summary>The principal of a signed-in user of <paramref name="role"/>: a reviewer if an editor, reporting for their stakeholders.</summary>
    public async Task<ReportPrincipal> ForUserAsync(string userId, string? role, CancellationToken cancellationToken) =>
        ReportPrincipal.User(userId, StaffRoles.IsReviewer(role), await StakeholderIdsAsync(userId, cancellationToken));

    /// <summary>The commitments the stakeholders lead or partner on, as a query to compose.</summary>
    public IQueryable<Commitment> Commitments(IReadOnlyList<int> stakeholderIds) =>
        db.Commitments.AsNoTracking().Where(c => c.Stakeholders.Any(s => stakeholderIds.Contains(s.StakeholderId)));

    /// <summary>
    /// The principal's stakeholders that lead or partner on the commitment, leads first; empty when the principal
    /// may not report on it (or it does not exist).
    /// </summary>
    public async Task<IReadOnlyList<ScopedStakeholder>> OnCommitmentAsync(ReportPrincipal principal, int commitmentId, CancellationToken cancellationToken)
    {
        if (!principal.IsContributor)
        {
            return [];
        }

        var ids = principal.StakeholderIds;
        var found = await db.Commitments.AsNoTracking().Where(c => c.Id == commitmentId)
            .SelectMany(c => c.Stakeholders.Where(s => ids.Contains(s.StakeholderId)))
            .Select(s => new ScopedStakeholder(s.StakeholderId, s.Stakeholder!.Slug, s.Stakeholder.Name, s.Role))
            .ToListAsync(cancellationToken);
        return [.. found.OrderBy(s => s.Role == StakeholderRole.Lead ? 0 : 1).ThenBy(s => s.Name, StringComparer.Ordinal)];
    }
}
