using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Commitments;
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

public sealed class ActionLineService(WsisTrackerDbContext db, CommitmentReads commitments)
{
    public const int OverviewCommitments = CommitmentReads.MaxPageSize;

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

    /// <summary>The action line page: the line, the paragraphs naming it, its progress and its commitments (the first <see cref="OverviewCommitments"/>).</summary>
    public async Task<Result<ActionLineOverview>> GetOverviewAsync(string code, CancellationToken cancellationToken)
    {
        var line = await GetAsync(code, cancellationToken);
        if (!line.Succeeded)
        {
            return line.Error;
        }

        var model = line.Value;

        var codes = new[] { model.Code }.Concat(model.SubLines.Select(s => s.Code)).ToList();
        var naming = await db.Paragraphs.AsNoTracking()
            .Where(p => p.MentionedActionLines.Any(m => codes.Contains(m)))
            .OrderBy(p => p.Resolution!.AdoptionDate).ThenBy(p => p.Order)
            .Select(p => new NamingParagraph(p.Resolution!.Symbol, p.Resolution.Slug, p.Kind, p.Number, p.Order, p.Text))
            .ToListAsync(cancellationToken);
        var filter = new CommitmentFilter(ActionLine: model.Code);
        var progress = await commitments.CountByStatusAsync(filter, cancellationToken);
        var list = await commitments.ListAsync(filter, CommitmentPageOrder.Id, 1, OverviewCommitments, cancellationToken);
        return new ActionLineOverview(model, naming, progress, list.Value!);
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
