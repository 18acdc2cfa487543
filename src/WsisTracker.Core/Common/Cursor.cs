using System.Text;

namespace WsisTracker.Core.Common;

/// <summary>Opaque paging cursors: URL-safe base64 of a short text that only the service that made it reads.</summary>
public static class Cursor
{
    public static string Encode(string value) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string cursor, out string value)
    {
        value = "";
        var padded = cursor.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        var bytes = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, bytes, out var written))
        {
            return false;
        }

        value = Encoding.UTF8.GetString(bytes, 0, written);
        return true;
    }
}
