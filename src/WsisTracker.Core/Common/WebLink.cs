namespace WsisTracker.Core.Common;

/// <summary>
/// The one rule for a link the tracker stores and shows (an evidence link, a stakeholder's website): an absolute
/// http or https address of at most <see cref="Limits.Url"/> characters that passes <see cref="PlainText"/>.
/// </summary>
public static class WebLink
{
    /// <summary>Whether <paramref name="value"/> is such a link; white space around it is allowed (callers store it trimmed).</summary>
    public static bool IsValid(string value) =>
        value.Length <= Limits.Url
        && PlainText.IsValid(value)
        && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
