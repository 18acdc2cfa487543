using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Stakeholders;

public sealed record StakeholderModel(
    int Id,
    string Slug,
    string Name,
    string? Acronym,
    StakeholderGroup Group,
    string? CountryCode,
    bool IsCollective,
    string? Website,
    bool IsSynthetic,
    uint Version);

/// <summary>A stakeholder with how many commitments it leads or joins.</summary>
public sealed record StakeholderListItem(StakeholderModel Stakeholder, int Commitments);

/// <summary>A stakeholder's page: who it is, its progress and its commitments (the first page of them).</summary>
public sealed record StakeholderProfile(StakeholderModel Stakeholder, StatusCounts Progress, PagedResult<CommitmentSummary> Commitments)
{
    /// <summary>The progress the stakeholder reported (approved reports), newest first, at most <see cref="StakeholderService.ReportedShown"/>.</summary>
    public IReadOnlyList<ReportedProgress> Reported { get; init; } = [];
}

/// <summary>A progress update a stakeholder reported: what the public sees of an approved report.</summary>
public sealed record ReportedProgress(int CommitmentId, string CommitmentTitle, CommitmentStatus Status, int? ProgressPercent, DateOnly AsOf, string? Note);

public sealed class StakeholderService(WsisTrackerDbContext db, CommitmentReads commitments)
{
    /// <summary>How many reported updates a stakeholder's page lists.</summary>
    public const int ReportedShown = 50;

    /// <summary>Every stakeholder by group and name with its commitment count; one query.</summary>
    public async Task<IReadOnlyList<StakeholderListItem>> ListWithCountsAsync(CancellationToken cancellationToken) =>
        await db.Stakeholders.AsNoTracking()
            .OrderBy(s => s.Group).ThenBy(s => s.Name)
            .Select(s => new StakeholderListItem(
                new StakeholderModel(s.Id, s.Slug, s.Name, s.Acronym, s.Group, s.CountryCode, s.IsCollective, s.Website, s.IsSynthetic, s.Version),
                db.Set<CommitmentStakeholder>().Count(link => link.StakeholderId == s.Id && db.Commitments.Any(c => c.Id == link.CommitmentId))))
            .ToListAsync(cancellationToken);

    public async Task<Result<StakeholderProfile>> GetProfileAsync(int id, CancellationToken cancellationToken)
    {
        var stakeholder = await GetAsync(id, cancellationToken);
        if (!stakeholder.Succeeded)
        {
            return stakeholder.Error;
        }

        var model = stakeholder.Value;

        var filter = new CommitmentFilter(Stakeholder: model.Slug);
        var progress = await commitments.CountByStatusAsync(filter, cancellationToken);
        var list = await commitments.ListAsync(filter, CommitmentPageOrder.Id, 1, CommitmentReads.MaxPageSize, cancellationToken);
        var reported = await db.ProgressUpdates.AsNoTracking().Where(u => u.ReportingStakeholderId == id)
            .OrderByDescending(u => u.RecordedAt).ThenByDescending(u => u.Id).Take(ReportedShown)
            .Join(db.Commitments, u => u.CommitmentId, c => c.Id, (u, c) => new ReportedProgress(c.Id, c.Title, u.Status, u.ProgressPercent, u.AsOf, u.Note))
            .ToListAsync(cancellationToken);
        return new StakeholderProfile(model, progress, list.Value!) { Reported = reported };
    }

    public async Task<IReadOnlyList<StakeholderModel>> ListAsync(StakeholderGroup? group, CancellationToken cancellationToken) =>
        await db.Stakeholders.AsNoTracking()
            .Where(s => group == null || s.Group == group)
            .OrderBy(s => s.Group).ThenBy(s => s.Name)
            .Select(s => new StakeholderModel(s.Id, s.Slug, s.Name, s.Acronym, s.Group, s.CountryCode, s.IsCollective, s.Website, s.IsSynthetic, s.Version))
            .ToListAsync(cancellationToken);

    public async Task<Result<StakeholderModel>> GetAsync(int id, CancellationToken cancellationToken)
    {
        var stakeholder = await db.Stakeholders.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new StakeholderModel(s.Id, s.Slug, s.Name, s.Acronym, s.Group, s.CountryCode, s.IsCollective, s.Website, s.IsSynthetic, s.Version))
            .SingleOrDefaultAsync(cancellationToken);
        return stakeholder is null ? Error.NotFound("Stakeholder", id) : stakeholder;
    }
}
