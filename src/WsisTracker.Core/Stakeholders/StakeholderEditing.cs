using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Stakeholders;

/// <summary>A stakeholder as an edit form needs it: its values and the version (<c>xmin</c>) the form carries.</summary>
public sealed record StakeholderForEdit(StakeholderModel Stakeholder, uint Version);

public sealed class StakeholderEditing(WsisTrackerDbContext db)
{
    public async Task<Result<StakeholderForEdit>> GetAsync(int id, CancellationToken cancellationToken)
    {
        var found = await db.Stakeholders.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new StakeholderForEdit(new StakeholderModel(s.Id, s.Slug, s.Name, s.Acronym, s.Group, s.CountryCode, s.Website, s.IsSynthetic), s.Version))
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? Error.NotFound("Stakeholder", id) : found;
    }
}
