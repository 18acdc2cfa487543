using Microsoft.AspNetCore.OutputCaching;
using WsisTracker.Core.Caching;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// An output-cached read-model response lives as long as a read-cache entry stored at the same moment
/// (<see cref="ReadCache.EntryLifetime"/>): the generation in its key retires it at the next write either way.
/// A request with credentials is neither answered from the cache nor stored in it: the output cache runs before
/// authentication, so the default policy's "signed in" check cannot see the staff cookie yet; its own check of the
/// <c>Authorization</c> header stays.
/// </summary>
public sealed class ReadModelLifetime(ReadCache cache) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        context.ResponseExpirationTimeSpan = cache.EntryLifetime;
        if (SecretariatSetup.CarriesCredentials(context.HttpContext.Request))
        {
            context.AllowCacheLookup = false;
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
