using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MimeKit;
using WsisTracker.Core.Email;
using WsisTracker.Core.Reporting;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// E-mail: the settings (<c>Email:Smtp:Host</c>, <c>Email:Smtp:Port</c>, <c>Email:From</c> and the rest, checked at
/// start), the outbox's services and its worker. Called once from <see cref="WsisTrackerApp"/>.
/// </summary>
public static class EmailSetup
{
    public const string NoSmtpMessage = "Email:Smtp:Host is not set: e-mail is written to the outbox and kept there, nothing is sent (docs/operations.md).";

    public static void AddWsisTrackerEmail(this WebApplicationBuilder builder)
    {
        var settings = Read(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<OutboxDispatcher>();
        if (builder.Configuration.GetValue("Email:Outbox:WorkerEnabled", true))
        {
            builder.Services.AddHostedService<OutboxWorker>();
        }
    }

    /// <summary>The settings, or a start-up failure that names the wrong one.</summary>
    public static EmailSettings Read(IConfiguration configuration)
    {
        var defaults = new EmailSettings();
        var email = configuration.GetSection("Email");
        var settings = new EmailSettings
        {
            SmtpHost = NullIfBlank(email["Smtp:Host"]),
            SmtpPort = email.GetValue("Smtp:Port", defaults.SmtpPort),
            Security = email.GetValue("Smtp:Security", defaults.Security),
            UserName = NullIfBlank(email["Smtp:UserName"]),
            Password = email["Smtp:Password"],
            From = NullIfBlank(email["From"]) ?? defaults.From,
            SmtpTimeout = Seconds(email, "Smtp:TimeoutSeconds", defaults.SmtpTimeout),
            Lease = Seconds(email, "Outbox:LeaseSeconds", defaults.Lease),
            PollInterval = Seconds(email, "Outbox:PollSeconds", defaults.PollInterval),
            RetryBase = Seconds(email, "Outbox:RetryBaseSeconds", defaults.RetryBase),
            RetryMax = Seconds(email, "Outbox:RetryMaxSeconds", defaults.RetryMax),
            BatchSize = email.GetValue("Outbox:BatchSize", defaults.BatchSize),
            ScheduleInterval = Seconds(email, "Reminders:ScheduleSeconds", defaults.ScheduleInterval),
        };
        if (settings.SmtpPort is < 1 or > 65535)
        {
            throw new InvalidOperationException($"Email:Smtp:Port must be a TCP port (1 to 65535), not {settings.SmtpPort}.");
        }

        if (!MailboxAddress.TryParse(settings.From, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Email:From must be an address such as 'WSIS Tracker <no-reply@wsis.example.org>', not '{settings.From}'.");
        }

        if (settings.Lease < settings.SmtpTimeout * 2)
        {
            throw new InvalidOperationException($"Email:Outbox:LeaseSeconds ({settings.Lease.TotalSeconds}) must be at least twice Email:Smtp:TimeoutSeconds ({settings.SmtpTimeout.TotalSeconds}), so a claim never runs out during an attempt (decision 089).");
        }

        if (settings.BatchSize < 1 || settings.RetryMax < settings.RetryBase)
        {
            throw new InvalidOperationException("Email:Outbox:BatchSize must be at least 1 and Email:Outbox:RetryMaxSeconds at least Email:Outbox:RetryBaseSeconds.");
        }

        return settings;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static TimeSpan Seconds(IConfiguration section, string key, TimeSpan fallback)
    {
        var seconds = section.GetValue(key, fallback.TotalSeconds);
        return seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new InvalidOperationException($"Email:{key} must be a positive number of seconds, not {seconds}.");
    }

    /// <summary>
    /// Where the links in e-mail point: <c>App:BaseUrl</c>, else the first address this server listens on (right for
    /// <c>scripts/run.sh</c>; a deployment behind a proxy sets <c>App:BaseUrl</c>).
    /// </summary>
    public static string LinkBase(SiteUrls urls, IServer server) =>
        urls.Configured
        ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).TrimEnd('/')
        ?? "http://localhost";
}

/// <summary>
/// The outbox's worker, on every instance: every <c>Email:Reminders:ScheduleSeconds</c> it writes the reporting cycles'
/// scheduled reminders that are due (<see cref="ReportingCycles.WriteScheduledRemindersAsync"/>, once per person and
/// cycle whichever instance writes them), and, when an SMTP server is configured, every poll it sends what is waiting
/// (<see cref="OutboxDispatcher"/>). With no SMTP server the reminders are still written and the outbox keeps them. A
/// failed round is logged and the next one starts after its interval; nothing it does depends on being the only instance.
/// </summary>
public sealed partial class OutboxWorker(
    OutboxDispatcher dispatcher,
    IServiceScopeFactory scopes,
    EmailSettings settings,
    SiteUrls urls,
    IServer server,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.SmtpConfigured)
        {
            logger.LogInformation(EmailSetup.NoSmtpMessage);
        }

        // The database is migrated before the host starts; the server's addresses are known once it has.
        try
        {
            await WhenStartedAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var linkBase = EmailSetup.LinkBase(urls, server);
        if (settings.SmtpConfigured && urls.Configured is null)
        {
            LogLinkBase(linkBase);
        }

        // The schedule's interval is measured on the monotonic clock, so a change of the wall clock neither stops nor floods it.
        long? lastSchedule = null;
        var wait = settings.SmtpConfigured ? settings.PollInterval : settings.ScheduleInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (lastSchedule is not { } last || time.GetElapsedTime(last) >= settings.ScheduleInterval)
            {
                lastSchedule = time.GetTimestamp();
                await ScheduleAsync(stoppingToken);
            }

            var claimed = 0;
            if (settings.SmtpConfigured)
            {
                try
                {
                    claimed = await dispatcher.DispatchAsync(linkBase, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    LogRoundFailed(e);
                }
            }

            if (claimed < settings.BatchSize)
            {
                try
                {
                    await Task.Delay(wait, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ScheduleAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var written = await scope.ServiceProvider.GetRequiredService<ReportingCycles>().WriteScheduledRemindersAsync(stoppingToken);
            if (written > 0)
            {
                LogScheduled(written);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogScheduleFailed(e);
        }
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox round failed; the next starts after the poll interval")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote {Count} scheduled reminders to the outbox")]
    private partial void LogScheduled(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the scheduled reminders failed; the next round starts after the schedule interval")]
    private partial void LogScheduleFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "App:BaseUrl is not set: links in e-mail point to {LinkBase}")]
    private partial void LogLinkBase(string linkBase);
}
