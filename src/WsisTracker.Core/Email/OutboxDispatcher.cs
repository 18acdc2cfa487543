using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Email;

/// <summary>
/// Sends the outbox. Each message is claimed alone by one statement (<c>FOR UPDATE SKIP LOCKED</c>, so workers on
/// several instances never claim the same row) that also counts the attempt and leases the row to this worker; then
/// it is sent over SMTP, and the outcome is written only if the lease is still this worker's attempt. A crash leaves
/// the row claimed until its lease runs out, then any worker sends it again: the one window for a duplicate is between
/// the server's acceptance and the commit of "sent" (decision 089).
/// </summary>
public sealed partial class OutboxDispatcher(IDbContextFactory<WsisTrackerDbContext> contexts, EmailSettings settings, TimeProvider time, ILogger<OutboxDispatcher> logger)
{
    private readonly MailboxAddress _from = MailboxAddress.Parse(settings.From);

    /// <summary>This worker's name in <see cref="OutboxMessage.LeasedBy"/>: machine, process and a random part (several hosts may share a process).</summary>
    public string Worker { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// One round: gives up messages whose last attempt's worker vanished, then claims and sends due messages one by one,
    /// up to <see cref="EmailSettings.BatchSize"/>, over one SMTP connection. Returns how many it claimed. Sends
    /// nothing when no SMTP server is configured.
    /// </summary>
    public async Task<int> DispatchAsync(string linkBase, CancellationToken cancellationToken)
    {
        if (!settings.SmtpConfigured)
        {
            return 0;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await GiveUpAbandonedAsync(db, cancellationToken);
        using var smtp = new SmtpClient { Timeout = (int)settings.SmtpTimeout.TotalMilliseconds };
        var claimed = 0;
        try
        {
            while (claimed < settings.BatchSize && !cancellationToken.IsCancellationRequested
                && await ClaimAsync(db, cancellationToken) is { } message)
            {
                claimed++;
                await SendAsync(db, smtp, message, linkBase, cancellationToken);
            }
        }
        finally
        {
            await DisconnectAsync(smtp);
        }

        return claimed;
    }

    private async Task<ClaimedMessage?> ClaimAsync(WsisTrackerDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var leaseUntil = now + settings.Lease;
        var rows = await db.Database.SqlQuery<ClaimedMessage>($"""
            UPDATE outbox_messages AS m
            SET state = 'Sending', leased_by = {Worker}, lease_until = {leaseUntil}, attempts = m.attempts + 1, last_attempt_at = {now}
            FROM (
                SELECT id FROM outbox_messages
                WHERE state IN ('Pending', 'Sending') AND next_attempt_at <= {now}
                  AND (state = 'Pending' OR lease_until <= {now}) AND attempts < give_up_after
                ORDER BY next_attempt_at, id
                LIMIT 1
                FOR UPDATE SKIP LOCKED) AS due
            WHERE m.id = due.id
            RETURNING m.id, m.message_id, m.to_address, m.subject, m.body, m.reason, m.act_path, m.culture, m.attempts
            """).ToListAsync(cancellationToken);
        return rows is [var row] ? row : null;
    }

    /// <summary>A message claimed for its last attempt by a worker that never reported back is failed, not tried forever.</summary>
    private async Task GiveUpAbandonedAsync(WsisTrackerDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE outbox_messages
            SET state = 'Failed', lease_until = NULL, leased_by = NULL,
                last_error = 'The worker of the last attempt stopped before recording its outcome; it may have been sent. Retry to send it again.'
            WHERE state = 'Sending' AND lease_until <= {now} AND attempts >= give_up_after
            """, cancellationToken);
    }

    private async Task SendAsync(WsisTrackerDbContext db, SmtpClient smtp, ClaimedMessage message, string linkBase, CancellationToken cancellationToken)
    {
        // The whole attempt, connecting included, ends within the SMTP timeout, well inside the lease.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.SmtpTimeout);
        try
        {
            if (!smtp.IsConnected)
            {
                await smtp.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, Options(settings.Security), deadline.Token);
                if (!string.IsNullOrEmpty(settings.UserName))
                {
                    await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? "", deadline.Token);
                }
            }

            await smtp.SendAsync(OutboxMail.Compose(message, _from, linkBase, time.GetUtcNow()), deadline.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await RecordFailureAsync(db, message, Describe(e, deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested));
            await DisconnectAsync(smtp);
            cancellationToken.ThrowIfCancellationRequested();
            return;
        }

        // Accepted by the server: from here on the outcome is recorded even if the host is stopping.
        var recorded = await db.Database.ExecuteSqlAsync($"""
            UPDATE outbox_messages
            SET state = 'Sent', sent_at = {time.GetUtcNow()}, lease_until = NULL, leased_by = NULL
            WHERE id = {message.Id} AND leased_by = {Worker} AND attempts = {message.Attempts}
            """, CancellationToken.None);
        if (recorded == 0)
        {
            LogLeaseLost(message.Id, message.MessageId);
        }
        else
        {
            WsisMetrics.OutboxMessageSent();
            LogSent(message.Id, message.Attempts);
        }
    }

    private async Task RecordFailureAsync(WsisTrackerDbContext db, ClaimedMessage message, string error)
    {
        var now = time.GetUtcNow();
        var next = settings.NextAttemptAfter(message.Attempts, now);
        var cut = PlainText.Cut(error, Limits.Note);
        var recorded = await db.Database.ExecuteSqlAsync($"""
            UPDATE outbox_messages
            SET state = CASE WHEN attempts >= give_up_after THEN 'Failed' ELSE 'Pending' END,
                next_attempt_at = {next}, last_error = {cut}, lease_until = NULL, leased_by = NULL
            WHERE id = {message.Id} AND leased_by = {Worker} AND attempts = {message.Attempts}
            """, CancellationToken.None);
        WsisMetrics.OutboxAttemptFailed();
        LogFailed(message.Id, message.Attempts, cut, recorded == 0);
    }

    private static string Describe(Exception e, bool timedOut) => e switch
    {
        _ when timedOut => "The SMTP server did not answer within the timeout.",
        SmtpCommandException command => $"The SMTP server refused it: {(int)command.StatusCode} {command.Message}",
        SmtpProtocolException protocol => $"SMTP protocol error: {protocol.Message}",
        OperationCanceledException => "The worker stopped during the attempt.",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private static SecureSocketOptions Options(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };

    private static async Task DisconnectAsync(SmtpClient smtp)
    {
        if (!smtp.IsConnected)
        {
            return;
        }

        try
        {
            await smtp.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
        {
            // The connection is gone either way; the next message connects anew.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {Id} sent (attempt {Attempt})")]
    private partial void LogSent(long id, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id}, attempt {Attempt}, failed: {Error} (lease lost: {LeaseLost})")]
    private partial void LogFailed(long id, int attempt, string error, bool leaseLost);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} was sent but its lease had passed to another worker, which may send it again with Message-ID {MessageId}")]
    private partial void LogLeaseLost(long id, string messageId);
}
