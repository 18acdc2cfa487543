namespace WsisTracker.Core.Common;

/// <summary>A row under optimistic concurrency: <see cref="Version"/> is PostgreSQL's <c>xmin</c>, which every write carries back.</summary>
public interface IVersioned
{
    uint Version { get; }
}

/// <summary>The one stale-version check of the feature services, before they apply a change.</summary>
public static class Versioned
{
    /// <summary>Not found when there is no row, <see cref="Error.StaleVersion"/> when it is not at the version the caller read, else null.</summary>
    public static Error? Check(IVersioned? row, string what, object key, uint expectedVersion) =>
        row is null ? Error.NotFound(what, key)
        : row.Version != expectedVersion ? Error.StaleVersion(what)
        : null;
}
