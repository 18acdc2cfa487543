using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Resolutions;

/// <summary>An operative paragraph an editor can cite, with enough text to recognise it.</summary>
public sealed record ParagraphChoice(string ResolutionSlug, string Resolution, int Number, string Text)
{
    /// <summary>The written form of the citation (<see cref="ParagraphSearch.FormatKey(string, string?, int?, string?)"/>), as the form posts it back.</summary>
    public string Key => ParagraphSearch.FormatKey(ResolutionSlug, Part, Number, SubParagraph);

    public string? Part { get; init; }

    /// <summary>The sub-paragraph cited in it ("b", "b-ii"), or null for the whole paragraph.</summary>
    public string? SubParagraph { get; init; }

    /// <summary>"paragraph 63", "annex, paragraph 13 (b)".</summary>
    public string Label =>
        (Part is null ? "" : $"{Part.Replace('-', ' ')}, ") + $"paragraph {Number}" + (SubParagraph is null ? "" : $" {ParagraphAnchor.SubParagraphLabel(SubParagraph)}");

    public ParagraphKey ToKey() => new(ResolutionSlug, Number) { Part = Part, SubParagraph = SubParagraph };
}

/// <summary>Finds operative paragraphs to cite, by number ("63", "70/125 63") or by words of their text.</summary>
public sealed partial class ParagraphSearch(WsisTrackerDbContext db)
{
    public const int MaxResults = 25;

    public async Task<IReadOnlyList<ParagraphChoice>> FindAsync(string? query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var words = query.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var number = words.Select(w => int.TryParse(w, out var n) ? n : (int?)null).LastOrDefault(n => n is not null);
        var paragraphs = db.Paragraphs.AsNoTracking().Where(p => p.Kind == ParagraphKind.Operative && p.Number != null && p.Part == null);
        if (number is { } n && words.Length <= 2)
        {
            var within = words.Length == 2 ? words[0] : null;
            paragraphs = paragraphs.Where(p => p.Number == n && (within == null || p.Resolution!.Symbol.Contains(within)));
        }
        else
        {
            foreach (var word in words.Take(6))
            {
                var pattern = $"%{word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%";
                paragraphs = paragraphs.Where(p => EF.Functions.ILike(p.Text, pattern, "\\"));
            }
        }

        return await paragraphs
            .OrderBy(p => p.Resolution!.AdoptionDate).ThenBy(p => p.Order)
            .Take(MaxResults)
            .Select(p => new ParagraphChoice(p.Resolution!.Slug, p.Resolution.Symbol, p.Number!.Value, p.Text))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The paragraphs behind keys of the form <c>slug:number</c>; unknown keys are left out.</summary>
    public async Task<IReadOnlyList<ParagraphChoice>> DescribeAsync(IEnumerable<ParagraphKey> keys, CancellationToken cancellationToken)
    {
        var list = keys.Distinct().ToList();
        var slugs = list.Select(k => k.Resolution).Distinct().ToList();
        var numbers = list.Select(k => k.Number).Distinct().ToList();
        var found = await db.Paragraphs.AsNoTracking()
            .Where(p => p.Kind == ParagraphKind.Operative && slugs.Contains(p.Resolution!.Slug) && numbers.Contains(p.Number!.Value))
            .Select(p => new ParagraphChoice(p.Resolution!.Slug, p.Resolution.Symbol, p.Number!.Value, p.Text) { Part = p.Part })
            .ToListAsync(cancellationToken);
        return list
            .Select(k => found.FirstOrDefault(f => f.ResolutionSlug == k.Resolution && f.Number == k.Number && f.Part == k.Part) is { } f ? f with { SubParagraph = k.SubParagraph } : null)
            .OfType<ParagraphChoice>()
            .ToList();
    }

    /// <summary>
    /// Reads a paragraph key: <c>slug:number</c> for an operative paragraph of the resolution itself
    /// (<c>a-res-70-125:12</c>), <c>slug:annex:number</c> for one of an annex (<c>a-res-80-3:annex:13</c>,
    /// <c>a-res-80-3:annex-ii:4</c>). The number may be followed by a sub-paragraph's labels in brackets, as the
    /// resolution prints them (<c>a-res-80-3:annex:13(b)</c>, <c>a-res-80-1:2(a)(ii)</c>; decision 106). Anything
    /// else is null.
    /// </summary>
    public static ParagraphKey? ParseKey(string? key)
    {
        var parts = key?.Split(':', 3, StringSplitOptions.TrimEntries);
        return parts switch
        {
            [var slug, var number] when slug.Length > 0 && ParseNumber(number) is var (n, sub) => new ParagraphKey(slug, n) { SubParagraph = sub },
            [var slug, var part, var number] when slug.Length > 0 && IsPartKey(part) && ParseNumber(number) is var (n, sub) => new ParagraphKey(slug, n) { Part = part, SubParagraph = sub },
            _ => null,
        };
    }

    /// <summary>The written form of a key, as <see cref="ParseKey"/> reads it.</summary>
    public static string FormatKey(string slug, string? part, int? number) =>
        part is null ? $"{slug}:{number}" : $"{slug}:{part}:{number}";

    /// <summary>The written form of a key citing a sub-paragraph ("b-ii" is written <c>13(b)(ii)</c>), as <see cref="ParseKey"/> reads it.</summary>
    public static string FormatKey(string slug, string? part, int? number, string? subParagraph) =>
        FormatKey(slug, part, number) + (subParagraph is null ? "" : string.Concat(subParagraph.Split('-').Select(l => $"({l})")));

    /// <summary>"13" or "13(b)(ii)" (space allowed before a bracket): the number and the sub-paragraph path ("b-ii").</summary>
    private static (int Number, string? SubParagraph)? ParseNumber(string text)
    {
        if (!text.Contains('(', StringComparison.Ordinal))
        {
            return int.TryParse(text, out var plain) ? (plain, null) : null;
        }

        var match = SubParagraphKey().Match(text);
        return match.Success && int.TryParse(match.Groups["number"].Value, out var n)
            ? (n, string.Join('-', match.Groups["label"].Captures.Select(c => c.Value)))
            : null;
    }

    [GeneratedRegex(@"^(?<number>[0-9]{1,6})(?:\s*\((?<label>[a-z]{1,6})\)){1,2}$")]
    private static partial Regex SubParagraphKey();

    private static bool IsPartKey(string part) =>
        part.StartsWith("annex", StringComparison.Ordinal) && part.Length <= Common.Limits.PartKey && part.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
