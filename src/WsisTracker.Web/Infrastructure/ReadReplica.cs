using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using WsisTracker.Core.Caching;
using WsisTracker.Core.Data;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// Reads that may lag go to a standby (decision 126): when <c>ConnectionStrings:WsisTrackerReads</c>
/// is set (a multi-host Npgsql connection string with <c>Target Session Attributes=prefer-standby</c>), the request
/// scope's context of an anonymous GET or HEAD, one without credentials, comes from a pool on that connection string.
/// Everything else keeps the primary: writes, the workspace, every request with a key or a staff cookie (so a writer's
/// own next read sees its write), contexts made outside the request scope (start-up, background services, the key
/// ring), and every request for <c>Database:ReadYourWritesSeconds</c> after this instance starts a new read-cache
/// generation, so a read model rebuilt after a write (here or, notified, on another instance) is read from the
/// primary and not from a standby that has not replayed it yet.
/// </summary>
public sealed class ReadReplica
{
    public const string ConnectionStringName = "WsisTrackerReads";

    /// <summary>How long after a new read-cache generation this instance reads only from the primary.</summary>
    public const double DefaultReadYourWritesSeconds = 2;

    private readonly IHttpContextAccessor _accessor;
    private readonly ReadCache _cache;
    private readonly TimeProvider _time;
    private readonly TimeSpan _afterWrite;
    private long _seenGeneration;
    private long _generationSeenAt;

    public ReadReplica(IDbContextFactory<WsisTrackerDbContext> contexts, IHttpContextAccessor accessor, ReadCache cache, TimeProvider time, TimeSpan afterWrite)
    {
        Contexts = contexts;
        _accessor = accessor;
        _cache = cache;
        _time = time;
        _afterWrite = afterWrite;
        _seenGeneration = cache.Generation;
        _generationSeenAt = time.GetTimestamp() - (long)(afterWrite.TotalSeconds * time.TimestampFrequency) - 1;
    }

    /// <summary>The pool of contexts on the reads connection string.</summary>
    public IDbContextFactory<WsisTrackerDbContext> Contexts { get; }

    /// <summary>
    /// Adds the reads pool when the reads connection string is set: the context options of the app (every
    /// <c>ConfigureDbContext</c> registration, interceptors included) and its model, with the reads connection string instead.
    /// </summary>
    public static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetConnectionString(ConnectionStringName) is not { Length: > 0 } reads)
        {
            return;
        }

        var seconds = configuration.GetValue("Database:ReadYourWritesSeconds", DefaultReadYourWritesSeconds);
        if (seconds < 0)
        {
            throw new InvalidOperationException($"Database:ReadYourWritesSeconds must be 0 or a positive number of seconds, not {seconds}.");
        }

        services.AddSingleton(provider =>
        {
            var options = new DbContextOptionsBuilder<WsisTrackerDbContext>();
            foreach (var configure in provider.GetServices<IDbContextOptionsConfiguration<WsisTrackerDbContext>>())
            {
                configure.Configure(provider, options);
            }

            DatabaseSetup.UseConnection(options, reads);
            // One model for both pools: compiled queries (the commitment detail's) run only with the model they were compiled for.
            using (var primary = provider.GetRequiredService<IDbContextFactory<WsisTrackerDbContext>>().CreateDbContext())
            {
                options.UseModel(primary.Model);
            }

            return new ReadReplica(
                new PooledDbContextFactory<WsisTrackerDbContext>(options.Options),
                provider.GetRequiredService<IHttpContextAccessor>(),
                provider.GetRequiredService<ReadCache>(),
                provider.GetRequiredService<TimeProvider>(),
                TimeSpan.FromSeconds(seconds));
        });
    }

    /// <summary>The pool the scope <paramref name="scope"/> takes its context from.</summary>
    public static IDbContextFactory<WsisTrackerDbContext> PoolFor(IServiceProvider scope) =>
        scope.GetService<ReadReplica>() is { } replica && replica.Serves(scope)
            ? replica.Contexts
            : scope.GetRequiredService<IDbContextFactory<WsisTrackerDbContext>>();

    /// <summary>Whether the context of <paramref name="scope"/> may read from the standby.</summary>
    public bool Serves(IServiceProvider scope) =>
        _accessor.HttpContext is { } http
        && ReferenceEquals(http.RequestServices, scope)
        && MayLag(http.Request)
        && !RecentlyWritten();

    /// <summary>A GET or HEAD that carries no credentials: what it reads may be a moment old.</summary>
    public static bool MayLag(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !SecretariatSetup.CarriesCredentials(request);

    private bool RecentlyWritten()
    {
        var generation = _cache.Generation;
        if (generation != Interlocked.Read(ref _seenGeneration))
        {
            Interlocked.Exchange(ref _seenGeneration, generation);
            Interlocked.Exchange(ref _generationSeenAt, _time.GetTimestamp());
            return _afterWrite > TimeSpan.Zero;
        }

        return _time.GetElapsedTime(Interlocked.Read(ref _generationSeenAt)) < _afterWrite;
    }
}
