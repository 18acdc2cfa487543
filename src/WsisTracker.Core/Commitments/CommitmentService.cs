using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;
using WsisTracker.Core.Resolutions;

namespace WsisTracker.Core.Commitments;

public sealed class CommitmentService(WsisTrackerDbContext db, TimeProvider time)
{
    public const int MaxPageSize = 200;

    public async Task<Result<PagedResult<CommitmentSummary>>> ListAsync(CommitmentFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (page < 1)
        {
            errors.Add("page", "Page numbers start at 1.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"The page size is between 1 and {MaxPageSize}.");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var today = Today();
        var query = Filter(db.Commitments.AsNoTracking(), filter, today);
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderBy(c => c.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(c => new CommitmentSummary(
                c.Id,
                c.Code,
                c.Title,
                c.Status,
                c.ProgressPercent,
                c.TargetDate,
                Commitment.IsOverdue(c.TargetDate, c.Status, today),
                c.ReportingCadence,
                c.Paragraphs.OrderBy(p => p.Paragraph!.Resolution!.AdoptionDate).ThenBy(p => p.Paragraph!.Order)
                    .Select(p => new ParagraphCitation(p.Paragraph!.Resolution!.Symbol, p.Paragraph.Resolution.Slug, p.Paragraph.Kind, p.Paragraph.Number, p.Paragraph.Order))
                    .ToList(),
                c.ActionLines.OrderBy(a => a.ActionLine!.Order).Select(a => a.ActionLine!.Code).ToList(),
                c.Stakeholders.OrderBy(s => s.Role).ThenBy(s => s.Stakeholder!.Name)
                    .Select(s => new CommitmentStakeholderModel(s.StakeholderId, s.Stakeholder!.Slug, s.Stakeholder.Name, s.Stakeholder.Acronym, s.Stakeholder.Group, s.Role))
                    .ToList(),
                c.IsSynthetic,
                c.WithdrawnAt,
                c.UpdatedAt))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return new PagedResult<CommitmentSummary>(items, page, pageSize, total);
    }

    public async Task<Result<CommitmentDetail>> GetAsync(int id, CancellationToken cancellationToken)
    {
        var today = Today();
        var detail = await db.Commitments.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new CommitmentDetail(
                c.Id,
                c.Code,
                c.Title,
                c.Description,
                c.Status,
                c.ProgressPercent,
                c.TargetDate,
                c.TargetDateText,
                Commitment.IsOverdue(c.TargetDate, c.Status, today),
                c.ReportingCadence,
                c.Paragraphs.OrderBy(p => p.Paragraph!.Resolution!.AdoptionDate).ThenBy(p => p.Paragraph!.Order)
                    .Select(p => new CitedParagraph(p.Paragraph!.Resolution!.Symbol, p.Paragraph.Resolution.Slug, p.Paragraph.Kind, p.Paragraph.Number, p.Paragraph.Order, p.Paragraph.Text))
                    .ToList(),
                c.ActionLines.OrderBy(a => a.ActionLine!.Order).Select(a => new CommitmentActionLineModel(a.ActionLine!.Code, a.ActionLine.Title)).ToList(),
                c.Stakeholders.OrderBy(s => s.Role).ThenBy(s => s.Stakeholder!.Name)
                    .Select(s => new CommitmentStakeholderModel(s.StakeholderId, s.Stakeholder!.Slug, s.Stakeholder.Name, s.Stakeholder.Acronym, s.Stakeholder.Group, s.Role))
                    .ToList(),
                c.Milestones.OrderBy(m => m.Order).Select(m => new MilestoneModel(m.Title, m.DueDate, m.CompletedDate)).ToList(),
                c.ProgressUpdates.OrderByDescending(u => u.AsOf).ThenByDescending(u => u.Id)
                    .Select(u => new ProgressUpdateModel(u.Id, u.Status, u.ProgressPercent, u.Note, u.EvidenceLinks, u.AsOf, u.Author, u.RecordedAt))
                    .ToList(),
                c.Lineage.Select(l => new LineageModel(
                        l.EarlierCommitmentId, l.EarlierCommitment!.Code, l.EarlierCommitment.Title,
                        l.EarlierCommitment.Paragraphs.Select(p => p.Paragraph!.Resolution!.Symbol).FirstOrDefault() ?? "",
                        l.Kind, l.Evidence))
                    .ToList(),
                db.Set<CommitmentLineage>().Where(l => l.EarlierCommitmentId == c.Id)
                    .Select(l => new LineageModel(
                        l.CommitmentId,
                        db.Commitments.Where(later => later.Id == l.CommitmentId).Select(later => later.Code).First(),
                        db.Commitments.Where(later => later.Id == l.CommitmentId).Select(later => later.Title).First(),
                        db.Set<CommitmentParagraph>().Where(p => p.CommitmentId == l.CommitmentId).Select(p => p.Paragraph!.Resolution!.Symbol).FirstOrDefault() ?? "",
                        l.Kind,
                        l.Evidence))
                    .ToList(),
                c.IsSynthetic,
                c.WithdrawnAt,
                c.WithdrawalReason,
                c.CreatedAt,
                c.UpdatedAt,
                c.Version))
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        return detail is null ? Error.NotFound("Commitment", id) : detail;
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static IQueryable<Commitment> Filter(IQueryable<Commitment> query, CommitmentFilter filter, DateOnly today)
    {
        if (filter.Resolution is { } resolution)
        {
            query = query.Where(c => c.Paragraphs.Any(p => p.Paragraph!.Resolution!.Slug == resolution));
        }

        if (filter.ActionLine is { } actionLine)
        {
            query = query.Where(c => c.ActionLines.Any(a => a.ActionLine!.Code == actionLine || a.ActionLine.Parent!.Code == actionLine));
        }

        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (filter.StakeholderGroup is { } group)
        {
            query = query.Where(c => c.Stakeholders.Any(s => s.Stakeholder!.Group == group));
        }

        if (filter.Stakeholder is { } stakeholder)
        {
            query = query.Where(c => c.Stakeholders.Any(s => s.Stakeholder!.Slug == stakeholder));
        }

        if (filter.Paragraph is { } number)
        {
            var within = filter.Resolution;
            query = query.Where(c => c.Paragraphs.Any(p => p.Paragraph!.Kind == ParagraphKind.Operative && p.Paragraph.Number == number
                && (within == null || p.Paragraph.Resolution!.Slug == within)));
        }

        if (filter.Overdue is { } overdue)
        {
            var isOverdue = Commitment.OverdueOn(today);
            query = query.Where(overdue ? isOverdue : Expression.Lambda<Func<Commitment, bool>>(Expression.Not(isOverdue.Body), isOverdue.Parameters));
        }

        return query;
    }
}
