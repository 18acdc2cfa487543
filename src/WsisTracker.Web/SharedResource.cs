namespace WsisTracker.Web;

/// <summary>
/// The marker type of the one resource set of the pages: <c>Resources/SharedResource.{culture}.resx</c>, keyed by the
/// English text, which is also what an English page shows (docs/languages.md, decision 115).
/// </summary>
public sealed class SharedResource;
