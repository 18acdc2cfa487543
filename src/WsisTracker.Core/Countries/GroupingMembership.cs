using WsisTracker.Core.Common;

namespace WsisTracker.Core.Countries;

/// <summary>
/// A country's membership of a grouping over a period: a member on a day <c>d</c> when <see cref="From"/> is none or
/// on or before <c>d</c>, and <see cref="To"/> is none or after <c>d</c> (the day a country graduates it is no longer
/// a member). <see cref="From"/> is none where the source gives no start (the M49 export's marks carry no dates).
/// Maintained by the secretariat (decision 110).
/// </summary>
public sealed class GroupingMembership : IVersioned
{
    public int Id { get; set; }

    public required string CountryIso3 { get; set; }

    public required string GroupingCode { get; set; }

    public DateOnly? From { get; set; }

    /// <summary>The first day the country is no longer a member (the graduation day), or none while it is one.</summary>
    public DateOnly? To { get; set; }

    /// <summary>Where the fact comes from.</summary>
    public string? Source { get; set; }

    public uint Version { get; set; }

    public bool IsMemberOn(DateOnly day) => (From is null || From <= day) && (To is null || day < To);

    /// <summary>A period is valid when it ends after it starts and overlaps no other period of the same country and grouping.</summary>
    public static Error? Validate(DateOnly? from, DateOnly? to, string? source, IEnumerable<GroupingMembership> others)
    {
        if (from is not null && to is not null && to <= from)
        {
            return Error.Validation(nameof(To), "The end date must be after the start date.");
        }

        if (source is not null && (source.Length > Limits.SourceNotes || !PlainText.IsValid(source)))
        {
            return Error.Validation(nameof(Source), $"The source must be plain text of at most {Limits.SourceNotes} characters.");
        }

        var overlapping = others.FirstOrDefault(o => (o.From is null || to is null || o.From < to) && (o.To is null || from is null || from < o.To));
        return overlapping is null
            ? null
            : new Error(ErrorKind.Conflict, "membership-overlaps", $"The period overlaps membership {overlapping.Id} ({Period(overlapping.From, overlapping.To)}) of the same grouping.");
    }

    public static string Period(DateOnly? from, DateOnly? to) =>
        $"{(from is null ? "since before the records" : "from " + from.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))}{(to is null ? "" : " until " + to.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))}";
}
