namespace WsisTracker.Core.Common;

/// <summary>Maximum lengths of stored strings: one place, used by the EF configurations and by validation.</summary>
public static class Limits
{
    public const int Symbol = 32;
    public const int Slug = 100;
    public const int Code = 100;
    public const int ShortText = 200;
    public const int Title = 500;
    public const int Acronym = 32;
    public const int Url = 500;
    public const int ParagraphText = 20_000;
    public const int FootnoteText = 2_000;
    public const int Description = 4_000;

    /// <summary>A note someone writes with a change: a progress update's note, a commitment's withdrawal reason.</summary>
    public const int Note = 4_000;

    /// <summary>Where something comes from or what supports it: an action line's provenance notes, a milestone's evidence.</summary>
    public const int SourceNotes = 4_000;

    public const int CountryCode = 3;

    /// <summary>A culture's name as the pages' URLs carry it (<c>fr</c>, <c>zh</c>).</summary>
    public const int CultureName = 8;

    /// <summary>A three-digit UN M49 code of a country or area (<c>004</c>, <c>419</c>).</summary>
    public const int M49Code = 3;

    /// <summary>A grouping's code such as <c>ldc</c>, <c>lldc</c>, <c>sids</c>.</summary>
    public const int GroupingCode = 16;

    /// <summary>A World Bank indicator code such as <c>IT.NET.USER.ZS</c>.</summary>
    public const int IndicatorCode = 32;
    public const int SectionNumber = 16;

    /// <summary>An annex key such as "annex" or "annex-iii" (the heading's words joined by hyphens).</summary>
    public const int PartKey = 64;

    /// <summary>A cited sub-paragraph's labels joined by hyphens ("b", "b-ii"); labels run to two or three letters.</summary>
    public const int SubParagraphPath = 16;
    public const int Language = 8;

    /// <summary>An action-line code such as <c>C7</c> or <c>C7.3</c>.</summary>
    public const int ActionLineCode = 8;
    public const int EvidenceLinks = 10;

    /// <summary>The regions or countries a geographic scope (a commitment's, a report's) may name: every country there is, with room.</summary>
    public const int ScopeCodes = 250;
    public const int IdempotencyKey = 200;

    /// <summary>An e-mail address (RFC 5321 allows 254 characters in a path).</summary>
    public const int EmailAddress = 256;

    /// <summary>The text of an outgoing e-mail, before its reason and links.</summary>
    public const int EmailBody = 8_000;
}
