using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;
using WsisTracker.Core.Resolutions.Parsing;

namespace WsisTracker.Core.Resolutions;

/// <summary>What an upload would store: the parsed resolution, every problem by line, and whether it is already stored.</summary>
public sealed record ResolutionPreview(ParsedResolution? Resolution, IReadOnlyList<ParseProblem> Problems, bool AlreadyStored)
{
    public bool CanImport => Resolution is not null && Problems.Count == 0 && !AlreadyStored;
}

/// <summary>
/// Imports a resolution's text as the UN Official Document System exports it (or as text from its PDF): preview
/// first, then store. Only a text that parses without a single problem is stored, whole, in one save; a resolution
/// whose slug is already stored is refused rather than replaced, because commitments cite its paragraphs.
/// </summary>
public sealed class ResolutionImporter(WsisTrackerDbContext db, TimeProvider time)
{
    public const int MaxLength = 2_000_000;

    public async Task<ResolutionPreview> PreviewAsync(string? text, CancellationToken cancellationToken)
    {
        if (text is { Length: > MaxLength })
        {
            return new ResolutionPreview(null, [new ParseProblem(1, $"The text is longer than {MaxLength:N0} characters; is it the right file?")], false);
        }

        var parsed = ResolutionParser.Parse(text ?? "");
        var stored = parsed.Resolution is { } resolution
            && await db.Resolutions.AnyAsync(r => r.Slug == Slugs.From(resolution.Symbol), cancellationToken);
        return new ResolutionPreview(parsed.Resolution, parsed.Problems, stored);
    }

    /// <summary>Stores the resolution and returns its slug, or says why not (problems by line, or already stored).</summary>
    public async Task<Result<string>> ImportAsync(string? text, CancellationToken cancellationToken)
    {
        var preview = await PreviewAsync(text, cancellationToken);
        if (preview.Resolution is null || preview.Problems.Count > 0)
        {
            var problems = preview.Problems.Select(p => $"Line {p.Line}: {p.Reason}").ToArray();
            return Error.Validation(new Dictionary<string, string[]> { ["text"] = problems.Length > 0 ? problems : ["The text could not be read as a resolution."] });
        }

        if (preview.AlreadyStored)
        {
            return new Error(ErrorKind.Conflict, "resolution-exists", $"{preview.Resolution.Symbol} is already stored; it is not replaced.");
        }

        var entity = ParsedResolutionMapping.ToEntity(preview.Resolution, "en", time.GetUtcNow());
        db.Resolutions.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return entity.Slug;
    }
}
