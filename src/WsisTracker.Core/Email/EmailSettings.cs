namespace WsisTracker.Core.Email;

/// <summary>How the connection to the SMTP server is secured (<c>Email:Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP: a relay on the same host or network, or a local catcher such as smtp4dev.</summary>
    None,

    /// <summary>STARTTLS when the server offers it, plain otherwise.</summary>
    StartTlsWhenAvailable,

    /// <summary>STARTTLS, refusing a server that does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>
/// The e-mail settings (<c>Email:*</c>, docs/operations.md). With no <see cref="SmtpHost"/> nothing is sent: the outbox
/// keeps every message until a server is configured.
/// </summary>
public sealed record EmailSettings
{
    public string? SmtpHost { get; init; }

    public int SmtpPort { get; init; } = 25;

    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTlsWhenAvailable;

    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>The sender, <c>Name &lt;address&gt;</c> or a bare address.</summary>
    public string From { get; init; } = "WSIS Tracker <no-reply@localhost>";

    /// <summary>The longest one message may take, connecting included; an attempt past it is abandoned and counted as failed.</summary>
    public TimeSpan SmtpTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a claim lasts; at least twice <see cref="SmtpTimeout"/>, so a live worker's claim never runs out mid-send.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a worker with nothing to send looks again.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait after a first failed attempt; it doubles with each further one, up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMax { get; init; } = TimeSpan.FromHours(1);

    /// <summary>At most this many messages per round, over one SMTP connection.</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary>How often the scheduled reminders ("a week before due", "overdue") are looked for.</summary>
    public TimeSpan ScheduleInterval { get; init; } = TimeSpan.FromMinutes(5);

    public bool SmtpConfigured => !string.IsNullOrWhiteSpace(SmtpHost);

    /// <summary>When the next attempt after failed attempt number <paramref name="attempt"/> may start.</summary>
    public DateTimeOffset NextAttemptAfter(int attempt, DateTimeOffset now)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var wait = TimeSpan.FromTicks((long)Math.Min(RetryBase.Ticks * factor, RetryMax.Ticks));
        return now + wait;
    }
}
