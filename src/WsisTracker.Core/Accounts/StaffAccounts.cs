using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Accounts;

public sealed record StaffUserModel(string Id, string Email, string Role, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, DateTimeOffset? LockedOutUntil);

/// <summary>
/// Managing staff accounts, for the <c>users</c> command and the administrators' page alike: create with a role,
/// change role, disable and re-enable, reset a password. Identity's validators apply the password and e-mail rules.
/// </summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, TimeProvider time)
{
    public async Task<IReadOnlyList<StaffUserModel>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var models = new List<StaffUserModel>(all.Count);
        foreach (var user in all)
        {
            models.Add(await ToModelAsync(user));
        }

        return models;
    }

    public async Task<Result<StaffUserModel>> GetAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        return user is null ? Error.NotFound("User", id) : await ToModelAsync(user);
    }

    public async Task<Result<StaffUserModel>> CreateAsync(string? email, string? role, string? password)
    {
        var errors = new FieldErrors();
        var canonicalRole = StaffRoles.Find(role);
        if (canonicalRole is null)
        {
            errors.Add("role", $"Choose one of the roles: {string.Join(", ", StaffRoles.All)}.");
        }

        email = email?.Trim();
        // The e-mail is the sign-in name and the actor of the audit: one line, no spaces or control characters.
        if (string.IsNullOrEmpty(email) || email.Length > Limits.ShortText || !email.Contains('@', StringComparison.Ordinal)
            || !PlainText.IsValid(email) || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add("email", $"Give an e-mail address of at most {Limits.ShortText} characters, without spaces.");
        }
        else if (await users.FindByEmailAsync(email) is not null)
        {
            errors.Add("email", "There is already a user with this e-mail address.");
        }

        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, LockoutEnabled = true, CreatedAt = time.GetUtcNow() };
        if (errors.Any)
        {
            await CheckPasswordAsync(user, password, errors);
            return errors.ToError();
        }

        if (await CheckPasswordAsync(user, password, errors) is false)
        {
            return errors.ToError();
        }

        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, password!);
        }
        catch (DbUpdateException e) when (ConstraintViolation.Of(e) is { Kind: ConstraintKind.Unique })
        {
            // Another account of this address was made after the check above.
            return Error.Validation("email", "There is already a user with this e-mail address.");
        }

        if (!created.Succeeded)
        {
            return ToError(created, "email");
        }

        await users.AddToRoleAsync(user, canonicalRole!);
        return await ToModelAsync(user);
    }

    public async Task<Result<StaffUserModel>> ChangeRoleAsync(string id, string? role)
    {
        var user = await users.FindByIdAsync(id);
        var canonicalRole = StaffRoles.Find(role);
        if (user is null)
        {
            return Error.NotFound("User", id);
        }

        if (canonicalRole is null)
        {
            return Error.Validation("role", $"Choose one of the roles: {string.Join(", ", StaffRoles.All)}.");
        }

        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Where(r => r != canonicalRole));
        if (!current.Contains(canonicalRole))
        {
            await users.AddToRoleAsync(user, canonicalRole);
        }

        await users.UpdateSecurityStampAsync(user);
        return await ToModelAsync(user);
    }

    /// <summary>Disables an account: it cannot sign in, its open sessions end at their next check, its history stays.</summary>
    public async Task<Result<StaffUserModel>> DisableAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Error.NotFound("User", id);
        }

        user.DisabledAt ??= time.GetUtcNow();
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        return await ToModelAsync(user);
    }

    public async Task<Result<StaffUserModel>> EnableAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Error.NotFound("User", id);
        }

        user.DisabledAt = null;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        await users.UpdateAsync(user);
        return await ToModelAsync(user);
    }

    /// <summary>Sets a new password chosen by an administrator; the user's other sessions end.</summary>
    public async Task<Result<StaffUserModel>> ResetPasswordAsync(string id, string? password)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Error.NotFound("User", id);
        }

        var errors = new FieldErrors();
        if (await CheckPasswordAsync(user, password, errors) is false)
        {
            return errors.ToError();
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password!);
        return reset.Succeeded ? await ToModelAsync(user) : ToError(reset, "password");
    }

    private async Task<bool> CheckPasswordAsync(StaffUser user, string? password, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add("password", "Give a password.");
            return false;
        }

        var valid = true;
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            foreach (var error in result.Errors)
            {
                errors.Add("password", error.Description);
                valid = false;
            }
        }

        return valid;
    }

    private static Error ToError(IdentityResult result, string field) =>
        Error.Validation(new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Description).ToArray() });

    private async Task<StaffUserModel> ToModelAsync(StaffUser user)
    {
        var roles = await users.GetRolesAsync(user);
        var lockedOut = user.DisabledAt is null && user.LockoutEnd is { } end && end > time.GetUtcNow() ? end : (DateTimeOffset?)null;
        return new StaffUserModel(user.Id, user.Email ?? "", roles.FirstOrDefault() ?? "", user.CreatedAt, user.DisabledAt, lockedOut);
    }
}
