using Microsoft.AspNetCore.Identity;

namespace WsisTracker.Core.Accounts;

/// <summary>
/// A member of staff who signs in: an ASP.NET Core Identity user whose user name is the e-mail address.
/// A disabled account is locked out until the end of time and keeps its history.
/// </summary>
public sealed class StaffUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>
    /// Whether the person gets reminders by e-mail (a cycle opening, a report due or returned, one to review). They
    /// turn it off on their account page; <see cref="WsisTracker.Core.Email.Outbox.AddReminder(WsisTracker.Core.Data.WsisTrackerDbContext, StaffUser, System.Func{string, WsisTracker.Core.Email.Reminder})"/> honours it when a message is written.
    /// </summary>
    public bool ReceivesReminders { get; set; } = true;

    /// <summary>
    /// The language of the person's e-mails, one of <see cref="WsisTracker.Core.Email.MailText.Cultures"/>: the language of the page on
    /// which they accepted their invitation, changed on their account page (decision 130).
    /// </summary>
    public string Culture { get; set; } = WsisTracker.Core.Email.MailText.English;
}
