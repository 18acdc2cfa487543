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
                r.Paragraphs.Count(p => p.Kind == ParagraphKind.Preambular && p.Part == null),
                r.Paragraphs.Count(p => p.Kind == ParagraphKind.Operative && p.Part == null)))
            .ToListAsync(cancellationToken);

    public async Task<Result<ResolutionDetail>> GetAsync(string slug, CancellationToken cancellationToken)
    {
        var detail = await db.Resolutions.AsNoTracking()
            .Where(r => r.Slug == slug)
            .Select(r => new ResolutionDetail(
                r.Symbol, r.Slug, r.Title, r.AdoptionDate, r.Session, r.Meeting, r.Language,
                r.Paragraphs.Count(p => p.Kind == ParagraphKind.Preambular && p.Part == null),
                r.Paragraphs.Count(p => p.Kind == ParagraphKind.Operative && p.Part == null),
                r.Sections.OrderBy(s => s.Order).Select(s => new SectionModel(s.Order, s.Number, s.Title)).ToList(),
                r.Footnotes.OrderBy(f => f.Number).Select(f => new FootnoteModel(f.Number, f.Text)).ToList(),
                r.Annexes.OrderBy(a => a.Order)
                    .Select(a => new AnnexModel(a.Key, a.Label, a.Title, r.Sections.Where(s => s.Part == a.Key).OrderBy(s => s.Order).Select(s => new SectionModel(s.Order, s.Number, s.Title)).ToList()))
                    .ToList()))
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
        var paragraph = await Project(db.Paragraphs.Where(p => p.Resolution!.Slug == slug && p.Kind == ParagraphKind.Operative && p.Part == null && p.Number == number))
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
        if (!detail.Succeeded)
        {
            return detail.Error;
        }

        var resolution = detail.Value;

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
            .Select(p =>
            {
                var anchor = ParagraphAnchor.For(p.Part, p.Kind, p.Number, p.Order);
                return new ReaderParagraph(p, anchor, ParagraphAnchor.Label(p.Part, p.Kind, p.Number, p.Order), byOrder[p.Order].ToList(), counts.GetValueOrDefault(p.Order))
                {
                    SubAnchors = SubAnchors(p.Text, anchor, p.SubParagraphs),
                };
            })
            .ToList();
        return new ResolutionReader(resolution, reader);
    }

    /// <summary>
    /// Finds where each sub-paragraph's label stands in the paragraph text, in order, so the reader can put its
    /// anchor there; a label that cannot be found (never, for a parsed text) gets no anchor rather than a wrong one.
    /// </summary>
    private static List<SubParagraphAnchor> SubAnchors(string text, string anchor, IReadOnlyList<SubParagraphModel> subParagraphs)
    {
        var found = new List<SubParagraphAnchor>();
        var from = 0;
        void Walk(IReadOnlyList<SubParagraphModel> level, IReadOnlyList<string> path)
        {
            foreach (var sub in level)
            {
                var labels = path.Append(sub.Label).ToList();
                var at = text.IndexOf($"({sub.Label})", from, StringComparison.Ordinal);
                if (at >= 0)
                {
                    found.Add(new SubParagraphAnchor(at, ParagraphAnchor.ForSubParagraph(anchor, labels), $"({sub.Label})"));
                    from = at + sub.Label.Length + 2;
                }

                Walk(sub.SubParagraphs, labels);
            }
        }

        Walk(subParagraphs, []);
        return found;
    }

    private static IReadOnlyList<SubParagraphModel> ToModels(IEnumerable<SubParagraph> subParagraphs) =>
        [.. subParagraphs.Select(s => new SubParagraphModel(s.Label, s.Text, ToModels(s.SubParagraphs)))];

    private static IQueryable<ParagraphModel> Project(IQueryable<Paragraph> paragraphs) =>
        paragraphs.AsNoTracking()
            .OrderBy(p => p.Order)
            .Select(p => new ParagraphModel(
                p.Resolution!.Slug,
                p.Kind,
                p.Part,
                p.Number,
                p.Order,
                p.Text,
                p.Section == null ? null : new SectionModel(p.Section.Order, p.Section.Number, p.Section.Title),
                p.FootnoteReferences.OrderBy(r => r.Position).Select(r => new FootnoteReferenceModel(r.Footnote!.Number, r.Footnote.Text, r.Offset)).ToList(),
                p.MentionedActionLines,
                ToModels(p.SubParagraphs)))
            .AsSplitQuery();
}
