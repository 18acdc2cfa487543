using Microsoft.AspNetCore.Identity;
using WsisTracker.Core.Common;

namespace WsisTracker.Core.Accounts;

/// <summary>What a signed-in person sees of their own account: who they are and whether they get reminders by e-mail.</summary>
public sealed record OwnAccountModel(string Email, IReadOnlyList<string> Roles, bool ReceivesReminders);

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

    private async Task<OwnAccountModel> ToModelAsync(StaffUser user) =>
        new(user.Email ?? user.UserName ?? "", [.. await users.GetRolesAsync(user)], user.ReceivesReminders);
}
