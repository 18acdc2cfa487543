using WsisTracker.Core.Common;
using WsisTracker.Core.Resolutions.Parsing;

namespace WsisTracker.Core.Resolutions;

/// <summary>Turns a parsed resolution into the entities that store it.</summary>
public static class ParsedResolutionMapping
{
    public static Resolution ToEntity(ParsedResolution parsed, string language, DateTimeOffset importedAt)
    {
        var sections = parsed.Sections.ToDictionary(
            s => s.Order,
            s => new Section { Order = s.Order, Number = s.Number, Title = s.Title, Part = s.Part });
        var footnotes = parsed.Footnotes.ToDictionary(f => f.Number, f => new Footnote { Number = f.Number, Text = f.Text });
        var resolution = new Resolution
        {
            Symbol = parsed.Symbol,
            Slug = Slugs.From(parsed.Symbol),
            Title = parsed.Title,
            AdoptionDate = parsed.AdoptionDate,
            Session = parsed.Session,
            Meeting = parsed.Meeting,
            Language = language,
            ImportedAt = importedAt,
            Sections = [.. sections.Values],
            Footnotes = [.. footnotes.Values],
            Annexes = [.. parsed.Annexes.Select(a => new Annex { Order = a.Order, Key = a.Key, Label = a.Label, Title = a.Title })],
        };
        foreach (var p in parsed.Paragraphs)
        {
            resolution.Paragraphs.Add(new Paragraph
            {
                Kind = p.Kind,
                Part = p.Part,
                Number = p.Number,
                Order = p.Order,
                Text = p.Text,
                Section = p.SectionOrder is { } order ? sections[order] : null,
                MentionedActionLines = [.. p.MentionedActionLines],
                FootnoteReferences = p.FootnoteReferences
                    .Select((r, i) => new FootnoteReference { Position = i + 1, Footnote = footnotes[r.FootnoteNumber], Offset = r.Offset })
                    .ToList(),
                SubParagraphs = ToEntities(p.SubParagraphs),
            });
        }

        return resolution;
    }

    private static List<SubParagraph> ToEntities(IReadOnlyList<ParsedSubParagraph> subParagraphs) =>
        [.. subParagraphs.Select(s => new SubParagraph { Label = s.Label, Text = s.Text, SubParagraphs = ToEntities(s.SubParagraphs) })];
}
