using MimeKit;

namespace WsisTracker.Core.Email;

/// <summary>A message as the dispatcher claimed it: what it needs to compose and send one attempt.</summary>
public sealed class ClaimedMessage
{
    public long Id { get; init; }

    public required string MessageId { get; init; }

    public required string ToAddress { get; init; }

    public required string Subject { get; init; }

    public required string Body { get; init; }

    public required string Reason { get; init; }

    public required string ActPath { get; init; }

    public string Culture { get; init; } = MailText.English;

    /// <summary>This attempt's number: with the worker's name it fences the claim (decision 089).</summary>
    public int Attempts { get; init; }
}

/// <summary>
/// What is sent: the message's text, why the person gets it, the link to act on and the link to turn reminders off,
/// in the message's language, the links to the pages in that language.
/// </summary>
public static class OutboxMail
{
    /// <summary>The page where a person turns reminders off.</summary>
    public const string PreferencesPath = "/account";

    public static string Body(ClaimedMessage message, string linkBase)
    {
        var site = linkBase.TrimEnd('/');
        var culture = MailText.Known(message.Culture);
        return $"""
            {message.Body.TrimEnd()}

            {MailText.Format(culture, "Act on it: {0}", site + MailText.PathIn(culture, message.ActPath))}

            {MailText.Format(culture, "Why you received this: {0}", message.Reason)}
            {MailText.Format(culture, "To stop these reminders, turn them off on your account page: {0}", site + MailText.PathIn(culture, PreferencesPath))}
            """.ReplaceLineEndings("\r\n");
    }

    public static MimeMessage Compose(ClaimedMessage message, MailboxAddress from, string linkBase, DateTimeOffset now)
    {
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Subject = message.Subject,
            Date = now,
            Body = new TextPart("plain") { Text = Body(message, linkBase) },
        };
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.ToAddress));
        // RFC 3834: an automatic message, so vacation responders do not answer it.
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        return mime;
    }
}
