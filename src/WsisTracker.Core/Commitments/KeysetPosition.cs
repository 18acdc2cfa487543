using System.Globalization;
using WsisTracker.Core.Common;

namespace WsisTracker.Core.Commitments;

/// <summary>Where a keyset page ended: the sort it belongs to and the last item's keys, as an opaque cursor.</summary>
internal sealed record KeysetPosition(CommitmentKeysetOrder Sort, int Id, string Code, DateTimeOffset CreatedAt)
{
    public string Format() =>
        Cursor.Encode(string.Join('\n', "k1", Sort.ToString(), Id.ToString(CultureInfo.InvariantCulture), CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), Code));

    /// <summary>The position in the cursor, or null when it is not one of ours or was made for another sort.</summary>
    public static KeysetPosition? Parse(string cursor, CommitmentKeysetOrder sort) =>
        Cursor.TryDecode(cursor, out var text)
        && text.Split('\n', 5) is ["k1", var s, var i, var t, var code]
        && Enum.TryParse<CommitmentKeysetOrder>(s, out var parsed) && parsed == sort
        && int.TryParse(i, CultureInfo.InvariantCulture, out var id)
        && long.TryParse(t, CultureInfo.InvariantCulture, out var ticks) && ticks >= 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new KeysetPosition(sort, id, code, new DateTimeOffset(ticks, TimeSpan.Zero))
            : null;
}
