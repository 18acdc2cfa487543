using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.ActionLines;

public sealed record FacilitatorModel(string Slug, string Name, string? Acronym, FacilitatorRole Role);

public sealed record ActionLineModel(
    string Code,
    string Title,
    string? Parent,
    IReadOnlyList<string> AlternateTitles,
    IReadOnlyList<FacilitatorModel> Facilitators,
    IReadOnlyList<int> Sdgs,
    IReadOnlyList<string> SdgTargets,
    string? ProvenanceNotes,
    IReadOnlyList<string> Sources,
    IReadOnlyList<ActionLineModel> SubLines);

public sealed class ActionLineService(WsisTrackerDbContext db)
{
    /// <summary>The eleven action lines in order, each with its sub-lines nested.</summary>
    public async Task<IReadOnlyList<ActionLineModel>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await LoadAsync(cancellationToken);
        return all.Where(a => a.ParentId is null).Select(a => ToModel(a, all)).ToList();
    }

    public async Task<Result<ActionLineModel>> GetAsync(string code, CancellationToken cancellationToken)
    {
        var all = await LoadAsync(cancellationToken);
        var line = all.FirstOrDefault(a => string.Equals(a.Code, code, StringComparison.OrdinalIgnoreCase));
        return line is null ? Error.NotFound("Action line", code) : ToModel(line, all);
    }

    private async Task<List<ActionLine>> LoadAsync(CancellationToken cancellationToken) =>
        await db.ActionLines.AsNoTracking()
            .Include(a => a.Facilitators).ThenInclude(f => f.Stakeholder)
            .OrderBy(a => a.Order)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

    private static ActionLineModel ToModel(ActionLine line, List<ActionLine> all) =>
        new(
            line.Code,
            line.Title,
            all.FirstOrDefault(a => a.Id == line.ParentId)?.Code,
            line.AlternateTitles,
            line.Facilitators.OrderBy(f => f.Role).ThenBy(f => f.Stakeholder!.Name)
                .Select(f => new FacilitatorModel(f.Stakeholder!.Slug, f.Stakeholder.Name, f.Stakeholder.Acronym, f.Role)).ToList(),
            line.Sdgs,
            line.SdgTargets,
            line.ProvenanceNotes,
            line.Sources,
            all.Where(a => a.ParentId == line.Id).Select(a => ToModel(a, all)).ToList());
}
