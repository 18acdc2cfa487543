using System.Globalization;
using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Caching;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;
using WsisTracker.Core.Resolutions;

namespace WsisTracker.Core.Commitments;

public sealed class CommitmentReads(WsisTrackerDbContext db, TimeProvider time, ReadCache cache)
{
    public const int MaxPageSize = 200;

    /// <summary>Most rows one CSV export holds; the export is bounded like a page, whatever the data size.</summary>
    public const int MaxExportRows = 5000;

    public Task<Result<PagedResult<CommitmentSummary>>> ListAsync(CommitmentFilter filter, int page, int pageSize, CancellationToken cancellationToken) =>
        ListAsync(filter, CommitmentPageOrder.Id, page, pageSize, cancellationToken);

    public async Task<Result<PagedResult<CommitmentSummary>>> ListAsync(CommitmentFilter filter, CommitmentPageOrder order, int page, int pageSize, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (page is < 1 or > PagedResult<CommitmentSummary>.MaxPage)
        {
            errors.Add("page", $"Page numbers run from 1 to {PagedResult<CommitmentSummary>.MaxPage}.");
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
        var query = Filter(db, filter, today);
        var total = await TotalCountAsync(query, filter, today, cancellationToken);
        // The page size in the SQL text, as the API's limit (see ListAfterAsync).
        var items = await Summaries(InOrder(query, order).Skip((page - 1) * pageSize).TakeInlined(pageSize), today).ToListAsync(cancellationToken);
        return new PagedResult<CommitmentSummary>(items, page, pageSize, total);
    }

    /// <summary>The proposed voluntary commitments waiting for the secretariat, oldest first (at most <see cref="MaxPageSize"/>).</summary>
    public async Task<IReadOnlyList<CommitmentSummary>> ListProposedAsync(CancellationToken cancellationToken) =>
        await Summaries(db.Commitments.IgnoreQueryFilters().AsNoTracking().Where(c => c.IsVoluntary && c.PublishedAt == null && c.WithdrawnAt == null)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(MaxPageSize), Today()).ToListAsync(cancellationToken);

    /// <summary>Every commitment under the filter in the given order, up to <see cref="MaxExportRows"/>: the rows of a CSV export.</summary>
    public async Task<IReadOnlyList<CommitmentSummary>> ExportAsync(CommitmentFilter filter, CommitmentPageOrder order, CancellationToken cancellationToken)
    {
        var today = Today();
        var query = InOrder(Filter(db, filter, today), order).Take(MaxExportRows);
        return await Summaries(query, today).ToListAsync(cancellationToken);
    }

    /// <summary>How many commitments under the filter stand in each status and in each reporting status, how many are overdue, how many nobody has reported on, and their mean progress; three aggregate queries (statuses grouped by both at once).</summary>
    public async Task<StatusCounts> CountByStatusAsync(CommitmentFilter filter, CancellationToken cancellationToken)
    {
        var today = Today();
        var query = Filter(db, filter, today);
        var byStatus = await query.Select(ReportingRules.Rows(today)).GroupBy(r => new { r.Implementation, r.Status, r.HasReport })
            .Select(g => new { g.Key.Implementation, g.Key.Status, g.Key.HasReport, Count = g.Count() }).ToListAsync(cancellationToken);
        var overdue = await query.CountAsync(Commitment.OverdueOn(today), cancellationToken);
        var average = await query.AverageAsync(c => (double?)(c.ProgressPercent ?? 0), cancellationToken);
        return new StatusCounts(byStatus.GroupBy(x => x.Implementation).ToDictionary(g => g.Key, g => g.Sum(x => x.Count)), overdue, average is { } value ? (int)Math.Round(value) : null)
        {
            NotStartedWithoutReport = byStatus.Where(x => x.Implementation == CommitmentStatus.NotStarted && !x.HasReport).Sum(x => x.Count),
            Reporting = ReportingCounts.From(byStatus.Select(x => (x.Status, x.HasReport, x.Count))),
        };
    }

    /// <summary>
    /// The count under the filter, computed once per filter set and read-cache generation (decision 120): a page
    /// of the list no longer scans every matching row. It is exact for every write this instance has seen, which with
    /// the cross-instance invalidation of decision 122 is every write committed more than about a second ago. The day
    /// is in the key, since the overdue and reporting filters move at midnight with no write.
    /// </summary>
    private Task<int> TotalCountAsync(IQueryable<Commitment> query, CommitmentFilter filter, DateOnly today, CancellationToken cancellationToken) =>
        cache.GetOrCreateCountAsync(CountKey(filter, today), () => query.CountAsync(cancellationToken));

    /// <summary>
    /// The filter set as a read-cache key: a hash of its JSON (free text such as <c>q</c> has no key shape of its
    /// own), and the day.
    /// </summary>
    internal static string CountKey(CommitmentFilter filter, DateOnly today)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(filter)));
        return string.Create(CultureInfo.InvariantCulture, $"count:{hash[..32]}:{today:yyyy-MM-dd}");
    }

    private static IQueryable<Commitment> InOrder(IQueryable<Commitment> query, CommitmentPageOrder order) => order switch
    {
        CommitmentPageOrder.Title => query.OrderBy(c => c.Title).ThenBy(c => c.Id),
        CommitmentPageOrder.TargetDate => query.OrderBy(c => c.TargetDate == null).ThenBy(c => c.TargetDate).ThenBy(c => c.Id),
        CommitmentPageOrder.Status => query.OrderBy(c => c.Status).ThenBy(c => c.Id),
        CommitmentPageOrder.Progress => query.OrderByDescending(c => c.ProgressPercent ?? 0).ThenBy(c => c.Id),
        CommitmentPageOrder.RecentlyUpdated => query.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id),
        _ => query.OrderBy(c => c.Id),
    };

    private static IQueryable<CommitmentSummary> Summaries(IQueryable<Commitment> query, DateOnly today) =>
        query
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
                    .Select(p => new ParagraphCitation(p.Paragraph!.Resolution!.Symbol, p.Paragraph.Resolution.Slug, p.Paragraph.Kind, p.Paragraph.Number, p.Paragraph.Order) { Part = p.Paragraph.Part, SubParagraph = p.SubParagraph })
                    .ToList(),
                c.ActionLines.OrderBy(a => a.ActionLine!.Order).Select(a => a.ActionLine!.Code).ToList(),
                c.Stakeholders.OrderBy(s => s.Role).ThenBy(s => s.Stakeholder!.Name)
                    .Select(s => new CommitmentStakeholderModel(s.StakeholderId, s.Stakeholder!.Slug, s.Stakeholder.Name, s.Stakeholder.Acronym, s.Stakeholder.Group, s.Role))
                    .ToList(),
                c.IsSynthetic,
                c.WithdrawnAt,
                c.UpdatedAt)
            {
                IsVoluntary = c.IsVoluntary,
                Reporting = ReportingRules.Of(c.ReportingCadence, c.Status, c.WithdrawnAt, c.LastProgressAsOf, c.CreatedAt, c.TargetDate, today),
                Scope = new GeographicScopeModel(c.ScopeKind, c.ScopeRegions, c.ScopeCountries),
            })
            .AsSplitQuery();

    /// <summary>
    /// A page of commitments after <paramref name="after"/> (a cursor from an earlier page's <c>Next</c>) in a fixed
    /// order on an immutable key, with the count under the filters (kept per read-cache generation). Unlike page numbers, an edit or an insert between
    /// two requests neither repeats nor skips an item.
    /// </summary>
    public async Task<Result<KeysetPage<CommitmentSummary>>> ListAfterAsync(CommitmentFilter filter, CommitmentKeysetOrder sort, string? after, int limit, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (limit is < 1 or > MaxPageSize)
        {
            errors.Add("limit", $"The limit is between 1 and {MaxPageSize}.");
        }

        if (!Enum.IsDefined(sort))
        {
            errors.Add("sort", "Not a known sort order.");
        }

        var position = after is null ? null : KeysetPosition.Parse(after, sort);
        if (after is not null && position is null)
        {
            errors.Add("cursor", "The cursor is not valid for this sort order; start again from the first page.");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var today = Today();
        var query = Filter(db, filter, today);
        var total = await TotalCountAsync(query, filter, today, cancellationToken);
        var ordered = Order(After(query, sort, position), sort);
        // The limit is in the SQL text: with LIMIT $1 the generic plan hash-joins the whole table (34 ms at 100,000), so
        // each of the four statements was planned afresh on every execution, about 0.5 ms each (TakeInlined).
        var rows = await Summaries(ordered.TakeInlined(limit + 1), today).AsSplitQuery().ToListAsync(cancellationToken);
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            var last = rows[^1];
            var createdAt = sort is CommitmentKeysetOrder.CreatedAt or CommitmentKeysetOrder.CreatedAtDescending
                ? await db.Commitments.Where(c => c.Id == last.Id).Select(c => c.CreatedAt).SingleAsync(cancellationToken)
                : default;
            next = new KeysetPosition(sort, last.Id, last.Code, createdAt).Format();
        }

        return new KeysetPage<CommitmentSummary>(rows, total, next);
    }

    /// <summary>
    /// One commitment with everything its page and its API resource show. The detail is cached per version of the
    /// commitment's row: a cheap read of the version comes first, so a change of the commitment itself (any write,
    /// recorded progress included) is seen at once on every instance, and a cached detail is never served under
    /// another version's ETag. What the detail shows of other rows (a stakeholder's name, a later commitment's
    /// lineage) follows the read cache: at once on this instance, within <see cref="ReadCache.MaxAge"/> on the others.
    /// </summary>
    /// <remarks>
    /// A proposed voluntary commitment is not found unless <paramref name="includeProposed"/> says the caller is the
    /// secretariat or its proposer (decision 081).
    /// </remarks>
    public async Task<Result<CommitmentDetail>> GetAsync(int id, CancellationToken cancellationToken, bool includeProposed = false)
    {
        if (await VersionQuery(db, id, includeProposed, cancellationToken) is not { } version)
        {
            return Error.NotFound("Commitment", id);
        }

        var today = Today();
        var detail = await cache.GetOrCreateAsync(
            string.Create(CultureInfo.InvariantCulture, $"commitment:{id}:{version}:{today:yyyy-MM-dd}"),
            () => DetailQuery(db, id, includeProposed, today, cancellationToken));
        return detail is null ? Error.NotFound("Commitment", id) : detail;
    }

    private static readonly Func<WsisTrackerDbContext, int, bool, CancellationToken, Task<uint?>> VersionQuery =
        EF.CompileAsyncQuery((WsisTrackerDbContext db, int id, bool includeProposed, CancellationToken cancellationToken) =>
            db.Commitments.IgnoreQueryFilters().Where(c => c.Id == id && (includeProposed || !c.IsVoluntary || c.PublishedAt != null)).Select(c => (uint?)c.Version).SingleOrDefault());

    /// <summary>
    /// The detail's eight queries. Compiled: the projection is large, and building and matching its expression tree on
    /// every request cost more than running its SQL.
    /// </summary>
    private static readonly Func<WsisTrackerDbContext, int, bool, DateOnly, CancellationToken, Task<CommitmentDetail?>> DetailQuery =
        EF.CompileAsyncQuery((WsisTrackerDbContext db, int id, bool includeProposed, DateOnly today, CancellationToken cancellationToken) =>
            db.Commitments.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.Id == id && (includeProposed || !c.IsVoluntary || c.PublishedAt != null))
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
                        .Select(p => new CitedParagraph(p.Paragraph!.Resolution!.Symbol, p.Paragraph.Resolution.Slug, p.Paragraph.Kind, p.Paragraph.Number, p.Paragraph.Order, p.Paragraph.Text) { Part = p.Paragraph.Part, SubParagraph = p.SubParagraph })
                        .ToList(),
                    c.ActionLines.OrderBy(a => a.ActionLine!.Order).Select(a => new CommitmentActionLineModel(a.ActionLine!.Code, a.ActionLine.Title)).ToList(),
                    c.Stakeholders.OrderBy(s => s.Role).ThenBy(s => s.Stakeholder!.Name)
                        .Select(s => new CommitmentStakeholderModel(s.StakeholderId, s.Stakeholder!.Slug, s.Stakeholder.Name, s.Stakeholder.Acronym, s.Stakeholder.Group, s.Role))
                        .ToList(),
                    c.Milestones.OrderBy(m => m.Order).Select(m => new MilestoneModel(m.Title, m.DueDate, m.CompletedDate)).ToList(),
                    c.ProgressUpdates.OrderByDescending(u => u.AsOf).ThenByDescending(u => u.Id)
                        .Select(u => new ProgressUpdateModel(u.Id, u.Status, u.ProgressPercent, u.Note, u.EvidenceLinks, u.AsOf, ProgressUpdate.PublicAuthor(u.ReportingStakeholder!.Name), u.RecordedAt))
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
                    c.Version)
                {
                    IsVoluntary = c.IsVoluntary,
                    IsProposed = c.IsVoluntary && c.PublishedAt == null,
                    ProposedBy = c.ProposedByStakeholderId,
                    Scope = new GeographicScopeModel(c.ScopeKind, c.ScopeRegions, c.ScopeCountries),
                    Indicator = c.IndicatorCode == null ? null : new WsisTracker.Core.Indicators.IndicatorLink(c.IndicatorCode, c.IndicatorTarget ?? 0, c.IndicatorTargetYear ?? 0),
                    Reporting = ReportingRules.Of(c.ReportingCadence, c.Status, c.WithdrawnAt, c.LastProgressAsOf, c.CreatedAt, c.TargetDate, today),
                })
                .AsSplitQuery()
                .SingleOrDefault());

    private static IQueryable<Commitment> After(IQueryable<Commitment> query, CommitmentKeysetOrder sort, KeysetPosition? p) => p is null ? query : sort switch
    {
        CommitmentKeysetOrder.IdDescending => query.Where(c => c.Id < p.Id),
        CommitmentKeysetOrder.Code => query.Where(c => string.Compare(c.Code, p.Code) > 0),
        CommitmentKeysetOrder.CodeDescending => query.Where(c => string.Compare(c.Code, p.Code) < 0),
        CommitmentKeysetOrder.CreatedAt => query.Where(c => c.CreatedAt > p.CreatedAt || (c.CreatedAt == p.CreatedAt && c.Id > p.Id)),
        CommitmentKeysetOrder.CreatedAtDescending => query.Where(c => c.CreatedAt < p.CreatedAt || (c.CreatedAt == p.CreatedAt && c.Id < p.Id)),
        _ => query.Where(c => c.Id > p.Id),
    };

    private static IQueryable<Commitment> Order(IQueryable<Commitment> query, CommitmentKeysetOrder sort) => sort switch
    {
        CommitmentKeysetOrder.IdDescending => query.OrderByDescending(c => c.Id),
        CommitmentKeysetOrder.Code => query.OrderBy(c => c.Code),
        CommitmentKeysetOrder.CodeDescending => query.OrderByDescending(c => c.Code),
        CommitmentKeysetOrder.CreatedAt => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
        CommitmentKeysetOrder.CreatedAtDescending => query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        _ => query.OrderBy(c => c.Id),
    };

    /// <summary>
    /// The commitments whose title, description or code holds <paramref name="q"/> (case-insensitive, as typed; '%',
    /// '_' and '\' match themselves), as the root of a query (decision 121). The three <c>ILIKE</c>s are answered by
    /// the trigram indexes, a BitmapOr. The subquery ends in <c>OFFSET 0</c> so PostgreSQL plans it on its own: with
    /// the pattern a parameter, a prepared statement's generic plan cannot tell a rare word from a common one, and
    /// left to itself it walks the primary key in the page's order, testing every row until the page fills (230 ms
    /// for a word in no row at 100,000). Fenced, a rare word costs a millisecond and a word in every row a bitmap of
    /// every row and a sort.
    /// </summary>
    private static IQueryable<Commitment> Matching(WsisTrackerDbContext db, string q)
    {
        var pattern = "%" + q.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        return db.Commitments.FromSql($"SELECT * FROM commitments WHERE title ILIKE {pattern} OR description ILIKE {pattern} OR code ILIKE {pattern} OFFSET 0").AsNoTracking();
    }

    internal DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The one translation of <see cref="CommitmentFilter"/> into an untracked query; the dashboard and the feeds reuse it.</summary>
    internal static IQueryable<Commitment> Filter(WsisTrackerDbContext db, CommitmentFilter filter, DateOnly today)
    {
        var query = string.IsNullOrWhiteSpace(filter.Q) ? db.Commitments.AsNoTracking() : Matching(db, filter.Q);
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
            query = query.Where(c => c.Paragraphs.Any(p => p.Paragraph!.Kind == ParagraphKind.Operative && p.Paragraph.Part == null && p.Paragraph.Number == number
                && (within == null || p.Paragraph.Resolution!.Slug == within)));
        }

        if (filter.Overdue is { } overdue)
        {
            var isOverdue = Commitment.OverdueOn(today);
            query = query.Where(overdue ? isOverdue : Expression.Lambda<Func<Commitment, bool>>(Expression.Not(isOverdue.Body), isOverdue.Parameters));
        }

        if (filter.ReportingStatus is { } reporting)
        {
            query = query.Where(ReportingRules.Is(reporting, today));
        }

        // A commitment is in a region or grouping through its stakeholders' countries (a government's; decision 111)
        // or through its geographic scope: a country it covers, or a region it covers that is the filtered area or lies
        // within it (decision 113); the grouping on the day of the request.
        if (filter.Region is { } region)
        {
            query = query.Where(c => c.Stakeholders.Any(s => db.Countries.Any(k => k.Iso3 == s.Stakeholder!.CountryCode
                    && (k.RegionCode == region || k.SubRegionCode == region || k.IntermediateRegionCode == region)))
                || db.Countries.Any(k => c.ScopeCountries.Contains(k.Iso3)
                    && (k.RegionCode == region || k.SubRegionCode == region || k.IntermediateRegionCode == region))
                || db.Regions.Any(r => c.ScopeRegions.Contains(r.Code)
                    && (r.Code == region || r.ParentCode == region || db.Regions.Any(p => p.Code == r.ParentCode && p.ParentCode == region))));
        }

        if (filter.Grouping is { } grouping)
        {
            query = query.Where(c => c.Stakeholders.Any(s => db.GroupingMemberships.Any(m => m.CountryIso3 == s.Stakeholder!.CountryCode && m.GroupingCode == grouping
                    && (m.From == null || m.From <= today) && (m.To == null || today < m.To)))
                || db.GroupingMemberships.Any(m => c.ScopeCountries.Contains(m.CountryIso3) && m.GroupingCode == grouping
                    && (m.From == null || m.From <= today) && (m.To == null || today < m.To)));
        }

        if (filter.UpdatedSince is { } updatedSince)
        {
            var since = updatedSince.ToUniversalTime();
            query = query.Where(c => c.UpdatedAt >= since);
        }

        return query;
    }
}
