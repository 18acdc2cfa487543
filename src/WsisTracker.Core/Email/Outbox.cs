using WsisTracker.Core.Accounts;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Email;

/// <summary>
/// A reminder to one person: what happened, why they get it, and the site path of the page to act on (the sender
/// makes it an absolute link from <c>App:BaseUrl</c>). <see cref="OnceKey"/> names an occasion that must be mailed
/// once per person, such as "a week before cycle 4 is due". <see cref="Culture"/> is the language its text is written
/// in, one of <see cref="MailText.Cultures"/>: what is added when it is sent (the links, why, how to stop) follows it.
/// </summary>
public sealed record Reminder(string Kind, string Subject, string Body, string Reason, string ActPath, string? OnceKey = null, string Culture = MailText.English);

/// <summary>
/// Writes e-mail to the outbox. Messages are added to the caller's <see cref="WsisTrackerDbContext"/> and never saved
/// here: they are committed with the caller's change, in its transaction, or not at all (decision 089). The
/// <see cref="OutboxDispatcher"/> sends them later.
/// </summary>
public static class Outbox
{
    /// <summary>How many attempts a message gets before it is marked failed (and again after each administrator's retry).</summary>
    public const int DefaultAttempts = 8;

    /// <summary>
    /// Adds a reminder for <paramref name="recipient"/> to the caller's unit of work, unless the person turned reminders
    /// off, the account is disabled or has no address. Returns whether one was added.
    /// </summary>
    public static bool AddReminder(WsisTrackerDbContext db, StaffUser recipient, Reminder reminder) =>
        AddReminder(db, recipient, _ => reminder);

    /// <summary>
    /// Adds the reminder <paramref name="compose"/> writes in the recipient's language (<see cref="StaffUser.Culture"/>),
    /// under the same conditions as the overload that takes a written one.
    /// </summary>
    public static bool AddReminder(WsisTrackerDbContext db, StaffUser recipient, Func<string, Reminder> compose)
    {
        if (!recipient.ReceivesReminders || recipient.DisabledAt is not null || string.IsNullOrWhiteSpace(recipient.Email))
        {
            return false;
        }

        Add(db, Message(recipient, compose(MailText.Known(recipient.Culture)), db.UtcNow));
        return true;
    }

    /// <summary>Adds <paramref name="message"/> to the caller's unit of work; the caller's save writes it.</summary>
    public static void Add(WsisTrackerDbContext db, OutboxMessage message)
    {
        db.OutboxMessages.Add(message);
        WsisMetrics.OutboxMessageQueued();
    }

    /// <summary>The outbox row of a reminder, waiting to be sent from <paramref name="now"/>.</summary>
    public static OutboxMessage Message(StaffUser recipient, Reminder reminder, DateTimeOffset now) => new()
    {
        MessageId = NewMessageId(),
        Kind = PlainText.Cut(reminder.Kind, Limits.Slug),
        OnceKey = reminder.OnceKey is null ? null : PlainText.Cut(reminder.OnceKey, Limits.ShortText),
        RecipientUserId = recipient.Id,
        ToAddress = recipient.Email!.Trim(),
        Subject = PlainText.Cut(OneLine(reminder.Subject), Limits.ShortText),
        Body = PlainText.Cut(reminder.Body, Limits.EmailBody),
        Reason = PlainText.Cut(OneLine(reminder.Reason), Limits.Title),
        Culture = MailText.Known(reminder.Culture),
        ActPath = reminder.ActPath.StartsWith('/') ? PlainText.Cut(reminder.ActPath, Limits.Url) : throw new ArgumentException("The page to act on is a site path starting with '/'.", nameof(reminder)),
        State = OutboxState.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
        GiveUpAfter = DefaultAttempts,
    };

    /// <summary>A Message-ID (RFC 5322 <c>msg-id</c> without its angle brackets), unique to the message, the same on every attempt.</summary>
    public static string NewMessageId() => $"{Guid.NewGuid():N}@wsis-tracker";

    /// <summary>A header value on one line: a subject never carries a line break into the headers.</summary>
    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
