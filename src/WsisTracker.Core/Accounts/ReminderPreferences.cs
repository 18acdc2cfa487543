using Microsoft.AspNetCore.Identity;
using WsisTracker.Core.Common;
using WsisTracker.Core.Email;

namespace WsisTracker.Core.Accounts;

/// <summary>
/// What a signed-in person sees of their own account: who they are, whether they get reminders by e-mail and in which
/// language (<see cref="MailText.Cultures"/>).
/// </summary>
public sealed record OwnAccountModel(string Email, IReadOnlyList<string> Roles, bool ReceivesReminders, string Culture);

/// <summary>
/// Each person's choice of reminders by e-mail (<see cref="StaffUser.ReceivesReminders"/>), set on their account page.
/// The outbox reads it when it writes a reminder (<see cref="WsisTracker.Core.Email.Outbox.AddReminder(WsisTracker.Core.Data.WsisTrackerDbContext, StaffUser, System.Func{string, WsisTracker.Core.Email.Reminder})"/>), so a message already
/// written before the change still goes.
/// </summary>
public sealed class ReminderPreferences(UserManager<StaffUser> users)
{
    public async Task<Result<OwnAccountModel>> GetAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        return user is null ? Error.NotFound("User", id) : await ToModelAsync(user);
    }

    /// <summary>Turns reminders on or off for the account; the change is audited like every account change.</summary>
    public async Task<Result<OwnAccountModel>> SetAsync(string id, bool receivesReminders)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Error.NotFound("User", id);
        }

        if (user.ReceivesReminders != receivesReminders)
        {
            user.ReceivesReminders = receivesReminders;
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded)
            {
                return new Error(ErrorKind.Conflict, "account-not-saved", string.Join(" ", updated.Errors.Select(e => e.Description)));
            }
        }

        return await ToModelAsync(user);
    }

    /// <summary>The field of <see cref="SetCultureAsync"/>'s error.</summary>
    public const string CultureField = "Culture";

    /// <summary>
    /// Sets the language of the account's e-mails (decision 130): one of the six, else a validation error and nothing
    /// changed. Messages already in the outbox keep the language they were written in.
    /// </summary>
    public async Task<Result<OwnAccountModel>> SetCultureAsync(string id, string? culture)
    {
        if (culture is null || !MailText.Cultures.Contains(culture, StringComparer.Ordinal))
        {
            return Error.Validation(CultureField, "Choose one of the six languages.");
        }

        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Error.NotFound("User", id);
        }

        if (user.Culture != culture)
        {
            user.Culture = culture;
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded)
            {
                return new Error(ErrorKind.Conflict, "account-not-saved", string.Join(" ", updated.Errors.Select(e => e.Description)));
            }
        }

        return await ToModelAsync(user);
    }

    private async Task<OwnAccountModel> ToModelAsync(StaffUser user) =>
        new(user.Email ?? user.UserName ?? "", [.. await users.GetRolesAsync(user)], user.ReceivesReminders, MailText.Known(user.Culture));
}
