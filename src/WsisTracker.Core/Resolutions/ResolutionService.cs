using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Caching;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Resolutions;

/// <summary>Reads of the stored resolutions and their text.</summary>
public sealed class ResolutionService(WsisTrackerDbContext db, ReadCache cache)
{
    public async Task<IReadOnlyList<ResolutionSummary>> ListAsync(CancellationToken cancellationToken) =>
        await db.Resolutions.AsNoTracking()
            .OrderBy(r => r.AdoptionDate).ThenBy(r => r.Symbol)
            .Select(r => new ResolutionSummary(
                r.Symbol, r.Slug, r.Title, r.AdoptionDate, r.Session, r.Meeting, r.Language,
                r.Paragraphs.Count(p => p.Kind == ParagraphKind.Preambular),
                r.Paragraphs.Count(p => p.Kind == ParagraphKind.Operative)))
            .ToListAsync(cancellationToken);

    public async Task<Result<ResolutionDetail>> GetAsync(string slug, CancellationToken cancellationToken)
    {
        var detail = await db.Resolutions.AsNoTracking()
            .Where(r => r.Slug == slug)
            .Select(r => new ResolutionDetail(
                r.Symbol, r.Slug, r.Title, r.AdoptionDate, r.Session, r.Meeting, r.Language,
                r.Paragraphs.Count(p => p.Kind == ParagraphKind.Preambular),
                r.Paragraphs.Count(p => p.Kind == ParagraphKind.Operative),
                r.Sections.OrderBy(s => s.Order).Select(s => new SectionModel(s.Order, s.Number, s.Title)).ToList(),
                r.Footnotes.OrderBy(f => f.Number).Select(f => new FootnoteModel(f.Number, f.Text)).ToList()))
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        return detail is null ? Error.NotFound("Resolution", slug) : detail;
    }

    public async Task<Result<IReadOnlyList<ParagraphModel>>> ListParagraphsAsync(string slug, ParagraphKind? kind, CancellationToken cancellationToken)
    {
        if (!await db.Resolutions.AnyAsync(r => r.Slug == slug, cancellationToken))
        {
            return Error.NotFound("Resolution", slug);
        }

        var paragraphs = await Project(db.Paragraphs.Where(p => p.Resolution!.Slug == slug && (kind == null || p.Kind == kind)))
            .ToListAsync(cancellationToken);
        return paragraphs;
    }

    public async Task<Result<ParagraphModel>> GetOperativeParagraphAsync(string slug, int number, CancellationToken cancellationToken)
    {
        var paragraph = await Project(db.Paragraphs.Where(p => p.Resolution!.Slug == slug && p.Kind == ParagraphKind.Operative && p.Number == number))
            .SingleOrDefaultAsync(cancellationToken);
        return paragraph is null ? Error.NotFound("Paragraph", $"{slug} {number}") : paragraph;
    }

    /// <summary>How many of the commitments citing a paragraph the reader lists beside it (the rest are counted and linked).</summary>
    public const int CitationsShown = 10;

    /// <summary>
    /// The whole text with, beside each paragraph, how many commitments cite it and the first
    /// <see cref="CitationsShown"/> of them: a fixed number of SQL commands and a bounded page whatever the data size,
    /// served from the read cache (see <see cref="ReadCache"/> for how fresh it is).
    /// </summary>
    public Task<Result<ResolutionReader>> GetReaderAsync(string slug, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync($"reader:{slug}", () => ComputeReaderAsync(slug, cancellationToken));

    private async Task<Result<ResolutionReader>> ComputeReaderAsync(string slug, CancellationToken cancellationToken)
    {
        var detail = await GetAsync(slug, cancellationToken);
        if (detail.Value is not { } resolution)
        {
            return detail.Error!;
        }

        var paragraphs = await Project(db.Paragraphs.Where(p => p.Resolution!.Slug == slug)).ToListAsync(cancellationToken);
        var counts = await db.Set<CommitmentParagraph>().AsNoTracking()
            .Where(link => link.Paragraph!.Resolution!.Slug == slug)
            .GroupBy(link => link.Paragraph!.Order)
            .Select(g => new { Order = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Order, x => x.Count, cancellationToken);
        var citations = await db.Paragraphs.AsNoTracking()
            .Where(p => p.Resolution!.Slug == slug)
            .SelectMany(p => db.Set<CommitmentParagraph>()
                .Where(link => link.ParagraphId == p.Id)
                .OrderBy(link => link.CommitmentId)
                .Take(CitationsShown)
                .Join(db.Commitments, link => link.CommitmentId, c => c.Id, (link, c) => new { p.Order, c.Id, c.Code, c.Title, c.Status, c.IsSynthetic }))
            .OrderBy(x => x.Order).ThenBy(x => x.Id)
            .ToListAsync(cancellationToken);
        var byOrder = citations.ToLookup(x => x.Order, x => new CitingCommitment(x.Id, x.Code, x.Title, x.Status, x.IsSynthetic));
        var reader = paragraphs
            .Select(p => new ReaderParagraph(p, ParagraphAnchor.For(p.Kind, p.Number, p.Order), ParagraphAnchor.Label(p.Kind, p.Number, p.Order), byOrder[p.Order].ToList(), counts.GetValueOrDefault(p.Order)))
            .ToList();
        return new ResolutionReader(resolution, reader);
    }

    private static IQueryable<ParagraphModel> Project(IQueryable<Paragraph> paragraphs) =>
        paragraphs.AsNoTracking()
            .OrderBy(p => p.Order)
            .Select(p => new ParagraphModel(
                p.Resolution!.Slug,
                p.Kind,
                p.Number,
                p.Order,
                p.Text,
                p.Section == null ? null : new SectionModel(p.Section.Order, p.Section.Number, p.Section.Title),
                p.FootnoteReferences.OrderBy(r => r.Position).Select(r => new FootnoteReferenceModel(r.Footnote!.Number, r.Footnote.Text, r.Offset)).ToList(),
                p.MentionedActionLines))
            .AsSplitQuery();
}
