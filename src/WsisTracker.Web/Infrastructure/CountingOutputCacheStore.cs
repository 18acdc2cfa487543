using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using WsisTracker.Core.Common;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// The output cache's store, counting its lookups as <c>wsis.output_cache.hits</c> and <c>misses</c> (decision 124);
/// everything else is the framework's store. It keeps the buffer interface the middleware prefers.
/// </summary>
public sealed class CountingOutputCacheStore(IOutputCacheStore inner) : IOutputCacheBufferStore
{
    /// <summary>Wraps the store <c>AddOutputCache</c> registered.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(descriptor => descriptor.ServiceType == typeof(IOutputCacheStore));
        services.Remove(registered);
        services.AddSingleton<IOutputCacheStore>(provider => new CountingOutputCacheStore(
            (IOutputCacheStore)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!))));
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var entry = await inner.GetAsync(key, cancellationToken);
        WsisMetrics.OutputCacheLookup(hit: entry is not null);
        return entry;
    }

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        inner.SetAsync(key, value, tags, validFor, cancellationToken);

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (inner is not IOutputCacheBufferStore buffers)
        {
            var entry = await GetAsync(key, cancellationToken);
            if (entry is not null)
            {
                await destination.WriteAsync(entry, cancellationToken);
            }

            return entry is not null;
        }

        var found = await buffers.TryGetAsync(key, destination, cancellationToken);
        WsisMetrics.OutputCacheLookup(hit: found);
        return found;
    }

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        inner is IOutputCacheBufferStore buffers
            ? buffers.SetAsync(key, value, tags, validFor, cancellationToken)
            : inner.SetAsync(key, value.ToArray(), tags.IsEmpty ? null : tags.ToArray(), validFor, cancellationToken);
}
