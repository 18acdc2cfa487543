namespace WsisTracker.Core.Email;

/// <summary>Where a message stands in the outbox.</summary>
public enum OutboxState
{
    /// <summary>Waiting to be sent at <see cref="OutboxMessage.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>Claimed by a worker until <see cref="OutboxMessage.LeaseUntil"/>; after that any worker may claim it again.</summary>
    Sending,

    /// <summary>The SMTP server accepted it.</summary>
    Sent,

    /// <summary>Every attempt failed; it waits for an administrator's retry.</summary>
    Failed,
}

/// <summary>
/// One e-mail, written in the transaction of the event that causes it (<see cref="Outbox.Add"/>) and sent later by
/// <see cref="OutboxDispatcher"/>. The row holds the text and the path of the page to act on; the absolute link and
/// the sender are put in when it is sent. <see cref="MessageId"/> is the RFC 5322 Message-ID of every attempt, so a
/// copy sent twice (decision 089) carries the same one.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The Message-ID header without angle brackets, unique.</summary>
    public required string MessageId { get; set; }

    /// <summary>What caused it, such as <c>report-returned</c>: shown on <c>/admin/outbox</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>
    /// Unique when set: a reminder that must go once per person and occasion (such as "a week before cycle 4 is due,
    /// to user X") names it here, so a second enqueue, from any instance, adds nothing.
    /// </summary>
    public string? OnceKey { get; set; }

    /// <summary>The recipient's staff account, when the message is to one (null if the account is gone).</summary>
    public string? RecipientUserId { get; set; }

    public required string ToAddress { get; set; }

    public required string Subject { get; set; }

    /// <summary>The message's own text; the reason and the link follow it in what is sent (<see cref="OutboxMail.Body"/>).</summary>
    public required string Body { get; set; }

    /// <summary>Why the recipient gets it, in one sentence ("You are the focal point of UNESCO, ...").</summary>
    public required string Reason { get; set; }

    /// <summary>The language the message is written in (<see cref="MailText.Cultures"/>): the lines added when it is sent, and its links, follow it.</summary>
    public string Culture { get; set; } = MailText.English;

    /// <summary>The site path of the page to act on, such as <c>/contribute/reports/12</c>.</summary>
    public required string ActPath { get; set; }

    public OutboxState State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Attempts started, all told; a retry after failure does not reset it.</summary>
    public int Attempts { get; set; }

    /// <summary>The attempt at which the message is given up (<see cref="OutboxState.Failed"/>); an administrator's retry moves it on.</summary>
    public int GiveUpAfter { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The worker that holds the claim (instance name and process), while <see cref="OutboxState.Sending"/>.</summary>
    public string? LeasedBy { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public uint Version { get; set; }
}
