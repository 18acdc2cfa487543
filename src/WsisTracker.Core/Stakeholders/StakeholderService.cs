using Microsoft.EntityFrameworkCore;
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
    string? Website,
    bool IsSynthetic,
    uint Version);

public sealed class StakeholderService(WsisTrackerDbContext db)
{
    public async Task<IReadOnlyList<StakeholderModel>> ListAsync(StakeholderGroup? group, CancellationToken cancellationToken) =>
        await db.Stakeholders.AsNoTracking()
            .Where(s => group == null || s.Group == group)
            .OrderBy(s => s.Group).ThenBy(s => s.Name)
            .Select(s => new StakeholderModel(s.Id, s.Slug, s.Name, s.Acronym, s.Group, s.CountryCode, s.Website, s.IsSynthetic, s.Version))
            .ToListAsync(cancellationToken);

    public async Task<Result<StakeholderModel>> GetAsync(int id, CancellationToken cancellationToken)
    {
        var stakeholder = await db.Stakeholders.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new StakeholderModel(s.Id, s.Slug, s.Name, s.Acronym, s.Group, s.CountryCode, s.Website, s.IsSynthetic, s.Version))
            .SingleOrDefaultAsync(cancellationToken);
        return stakeholder is null ? Error.NotFound("Stakeholder", id) : stakeholder;
    }
}
