using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;
using WsisTracker.Core.Resolutions;

namespace WsisTracker.Core.Search;

/// <summary>A paragraph that matches a search, with its rank and a headline whose matches are marked.</summary>
public sealed record ParagraphHit(string Resolution, string ResolutionSlug, ParagraphKind Kind, int? Number, int Order, string Headline, float Rank);

public sealed record CommitmentHit(int Id, string Code, string Title, CommitmentStatus Status, bool IsSynthetic, string Headline, float Rank);

public sealed record SearchResults(string Query, IReadOnlyList<ParagraphHit> Paragraphs, IReadOnlyList<CommitmentHit> Commitments);

/// <summary>
/// PostgreSQL full-text search (English configuration, <c>websearch_to_tsquery</c>) over paragraphs and commitments,
/// ranked by <c>ts_rank</c>, with <c>ts_headline</c> extracts. Matches in a headline stand between
/// <see cref="MatchStart"/> and <see cref="MatchEnd"/>, characters of Unicode's private use area that no text holds,
/// so a page can encode the text and then mark the matches.
/// </summary>
public sealed class SearchService(WsisTrackerDbContext db)
{
    public const char MatchStart = '\uE000';
    public const char MatchEnd = '\uE001';
    public const int MaxHits = 50;
    public const int MaxQueryLength = 200;

    private const string Config = "english";
    private static readonly string HeadlineOptions = $"StartSel={MatchStart}, StopSel={MatchEnd}, MaxWords=40, MinWords=15, MaxFragments=2";

    public async Task<SearchResults> SearchAsync(string? text, CancellationToken cancellationToken)
    {
        var q = PlainText.Clean(text ?? "").Trim();
        if (q.Length == 0)
        {
            return new SearchResults("", [], []);
        }

        // Cut on a text-element boundary: a cut inside a surrogate pair leaves a half that cannot be sent as UTF-8.
        q = PlainText.Cut(q, MaxQueryLength);

        var paragraphs = await db.Paragraphs.AsNoTracking()
            .Where(p => p.SearchVector!.Matches(EF.Functions.WebSearchToTsQuery(Config, q)))
            .Select(p => new
            {
                p.Resolution!.Symbol,
                p.Resolution.Slug,
                p.Kind,
                p.Number,
                p.Order,
                Rank = p.SearchVector!.Rank(EF.Functions.WebSearchToTsQuery(Config, q)),
                p.Text,
            })
            .OrderByDescending(p => p.Rank).ThenBy(p => p.Slug).ThenBy(p => p.Order)
            .Take(MaxHits)
            .Select(p => new ParagraphHit(p.Symbol, p.Slug, p.Kind, p.Number, p.Order,
                EF.Functions.WebSearchToTsQuery(Config, q).GetResultHeadline(Config, p.Text, HeadlineOptions), p.Rank))
            .ToListAsync(cancellationToken);

        var commitments = await db.Commitments.AsNoTracking()
            .Where(c => c.SearchVector!.Matches(EF.Functions.WebSearchToTsQuery(Config, q)))
            .Select(c => new { c.Id, c.Code, c.Title, c.Status, c.IsSynthetic, c.Description, Rank = c.SearchVector!.Rank(EF.Functions.WebSearchToTsQuery(Config, q)) })
            .OrderByDescending(c => c.Rank).ThenBy(c => c.Id)
            .Take(MaxHits)
            .Select(c => new CommitmentHit(c.Id, c.Code, c.Title, c.Status, c.IsSynthetic,
                EF.Functions.WebSearchToTsQuery(Config, q).GetResultHeadline(Config, c.Title + " — " + c.Description, HeadlineOptions), c.Rank))
            .ToListAsync(cancellationToken);

        return new SearchResults(q, paragraphs, commitments);
    }
}
