using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Formatting.Display;
using WsisTracker.Core;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Caching;
using WsisTracker.Core.Data;

namespace WsisTracker.Web.Infrastructure;

public static class WsisTrackerApp
{
    public const string ConnectionStringName = "WsisTracker";

    /// <summary>The console's line: the request's trace and span ids (decision 124; the trace id is also the correlation id) end it.</summary>
    public const string LogTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} trace={TraceId} span={SpanId}{NewLine}{Exception}";

    /// <summary>
    /// Standard output redirected (a container, a service manager, a file, the tests): lines queued by the request and
    /// written in batches by <see cref="BatchedConsoleSink"/> (decision 129); the queue is unbounded, so no line is
    /// dropped and no request waits for the console. A terminal gets the coloured console, a line at a time.
    /// </summary>
    private static LoggerConfiguration WriteToConsole(this LoggerConfiguration logger) =>
        Console.IsOutputRedirected
            ? logger.WriteTo.Sink(
                new BatchedConsoleSink(new MessageTemplateTextFormatter(LogTemplate, CultureInfo.InvariantCulture), Console.Out),
                new BatchingOptions { BatchSizeLimit = BatchedConsoleSink.BatchSize, BufferingTimeLimit = BatchedConsoleSink.Interval, QueueLimit = null })
            : logger.WriteTo.Console(outputTemplate: LogTemplate, formatProvider: CultureInfo.InvariantCulture);

    public static void AddWsisTracker(this WebApplicationBuilder builder)
    {
        // Each host gets its own logger; the static one (Program.cs) only reports failures to start. This lets several
        // hosts run in one process (the tests start several) without sharing a frozen bootstrap logger.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With<LogValueEscaping>()
            .Enrich.With<TraceIdEnricher>()
            .WriteToConsole(),
            preserveStaticLogger: true);

        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException($"Set the connection string 'ConnectionStrings:{ConnectionStringName}'.");
        // Pooled contexts: a lease per request scope, bound to the request's actor; returned to the pool when the
        // scope ends (docs/performance.md).
        // Anonymous reads run under Database:PublicStatementTimeoutSeconds (decision 061).
        builder.Services.AddHttpContextAccessor();
        var publicReadSeconds = PublicReadTimeout.Seconds(builder.Configuration);
        builder.Services.AddPooledDbContextFactory<WsisTrackerDbContext>((services, options) =>
        {
            DatabaseSetup.Configure(options, connectionString);
            options.AddInterceptors(new PublicReadTimeout(services.GetRequiredService<IHttpContextAccessor>(), publicReadSeconds));
        });
        // Reads that may lag come from a standby when ConnectionStrings:WsisTrackerReads is set (decision 126).
        ReadReplica.AddTo(builder.Services, builder.Configuration);
        builder.Services.AddScoped(services => ReadReplica.PoolFor(services).CreateDbContext()
            .Bind(services.GetService<ActorContext>(), services.GetRequiredService<TimeProvider>(), services.GetService<ReadCache>()));

        builder.Services.AddDataProtection()
            .SetApplicationName("WsisTracker")
            .PersistKeysToDbContext<WsisTrackerDbContext>()
            .ProtectKeys(builder.Configuration, builder.Environment);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ActorContext>();
        // How late this instance may show another instance's writes on the cached read models (docs/operations.md).
        var readModelSeconds = builder.Configuration.GetValue("Caching:ReadModelSeconds", ReadCache.DefaultMaxAge.TotalSeconds);
        if (readModelSeconds <= 0)
        {
            throw new InvalidOperationException($"Caching:ReadModelSeconds must be a positive number of seconds, not {readModelSeconds}.");
        }

        // With cross-instance invalidation (decision 122) each instance's audited writes carry its origin in their
        // notifications, and every other instance's listener starts a new generation when one commits.
        var origin = CrossInstanceInvalidation.Enabled(builder.Configuration) ? Guid.NewGuid().ToString("N") : null;
        // While the listener listens, a write anywhere starts a new generation at once, so entries may live longer than
        // the age that bounds staleness without it; not when reads may come from a lagging standby (decision 127).
        var listeningSeconds = builder.Configuration.GetValue("Caching:ListeningReadModelSeconds", ReadCache.DefaultListeningLifetime.TotalSeconds);
        if (listeningSeconds < readModelSeconds)
        {
            throw new InvalidOperationException($"Caching:ListeningReadModelSeconds must be at least Caching:ReadModelSeconds ({readModelSeconds}), not {listeningSeconds}.");
        }

        var listeningLifetime = origin is not null && builder.Configuration.GetConnectionString(ReadReplica.ConnectionStringName) is not { Length: > 0 }
            ? TimeSpan.FromSeconds(listeningSeconds)
            : (TimeSpan?)null;
        builder.Services.AddSingleton(services => new ReadCache(TimeSpan.FromSeconds(readModelSeconds)) { ChangeOrigin = origin, ListeningLifetime = listeningLifetime });
        builder.AddCrossInstanceInvalidation(connectionString);
        // The anonymous dashboard, reader, list and search pages and the API's list, rendered once per read-cache
        // generation: a save here starts a new one, so a write shows at once on this instance, and on the others as
        // soon as their listener hears of it. Signed-in requests and requests with a key are never cached (the default policy).
        builder.Services.AddOutputCache(options =>
        {
            options.AddPolicy(ReadModelPages, policy => ReadModel(policy));
            // The API's reads also answer in CSV (Accept: text/csv) and name things in the reader's language.
            options.AddPolicy(ReadModelApi, policy => ReadModel(policy).SetVaryByHeader(HeaderNames.Accept, HeaderNames.AcceptLanguage));
        });
        CountingOutputCacheStore.Decorate(builder.Services);
        builder.Services.AddWsisTrackerCore();
        builder.AddCultures();

        builder.Services.AddControllersWithViews(options =>
            {
                options.ModelValidatorProviders.Add(new PlainTextValidatorProvider());
                options.Filters.Add<RejectedInputLogging>();
                options.Filters.Add<PublicReadTimeout.Filter>();
                options.Filters.Add<ExactContentType>();
                options.Conventions.Add(new HeadWherePagesGet());
            })
            .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddJsonOptions(options => ConfigureJson(options.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(options => options.InvalidModelStateResponseFactory = ApiProblems.FromModelState);
        builder.Services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>().Configure<Microsoft.Extensions.Localization.IStringLocalizerFactory>(ModelBindingMessages.Localize);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblems.AddTraceId);
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        builder.Services.AddWsisTrackerSwagger();
        builder.AddWsisTrackerTelemetry();
        builder.Services.AddWsisTrackerSecurity(builder.Configuration, builder.Environment);
        SiteUrls.AddSiteUrls(builder.Services, builder.Configuration, builder.Environment);
        builder.AddWsisTrackerApi();
        builder.AddSecretariat();
        builder.AddWsisTrackerEmail();
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }

    /// <summary>The output-cache policy of pages made only of read-cache models (see <see cref="ReadCache"/>).</summary>
    public const string ReadModelPages = "read-model-pages";

    /// <summary>As <see cref="ReadModelPages"/>, for the API's anonymous reads (varied by Accept and Accept-Language too).</summary>
    public const string ReadModelApi = "read-model-api";

    // Keyed by the read-cache generation, the day (the overdue and reporting statuses change at midnight with no
    // write) and the culture; as long-lived as a read-cache entry (decision 127). Only anonymous requests (the default policy).
    private static OutputCachePolicyBuilder ReadModel(OutputCachePolicyBuilder policy) => policy
        .AddPolicy<ReadModelLifetime>()
        .SetCacheKeyPrefix(context =>
            $"g{context.RequestServices.GetRequiredService<ReadCache>().Generation}-{context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime:yyyyMMdd}-{Cultures.Of(context)}");

    public static void UseWsisTracker(this WebApplication app)
    {
        app.UseWsisTrackerSecurity();
        app.UseWsisTrackerMetrics();
        app.UseCultures();
        app.UseExceptionHandler(app.Environment.IsDevelopment() ? "/error/development" : "/error");
        app.UseStatusCodePages();
        // One line per request; a refused request (4xx: rejected input, authentication or authorisation failures,
        // limits) is a warning and a failure (5xx) an error. A request its client abandoned (499) is information.
        // The line names method, path, status and correlation id, never a header, a query value or a body, so no
        // secret reaches the log.
        app.UseSerilogRequestLogging(options =>
        {
            // The host's logger (its enrichers, overrides and sinks), not the static bootstrap one of Program.cs,
            // which the middleware would use by default.
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.GetLevel = (context, _, exception) =>
                context.Items.ContainsKey(PublicReadTimeout.FiredItem) ? LogEventLevel.Warning
                : exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Response.StatusCode == AbortedRequests.ClientClosedRequest ? LogEventLevel.Information
                : context.Response.StatusCode >= 400 ? LogEventLevel.Warning
                : LogEventLevel.Information;
        });
        app.Use(AbortedRequests.EndAsync);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseWsisTrackerApi();
        // Before authentication: a cached anonymous page is answered without authenticating, authorising or
        // checking two-factor for nobody; a request with a key or a staff cookie is never cached (ReadModelLifetime).
        app.UseOutputCache();
        app.UseSecretariat();
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "WSIS Tracker API v1");
            options.DocumentTitle = "WSIS Tracker API";
        });

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapControllers();
    }
}
