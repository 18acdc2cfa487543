using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;
using WsisTracker.Core.Email;

namespace WsisTracker.Core.Accounts;

public sealed record AuthenticatorSetup(string SharedKey, string Uri, bool Enabled)
{
    public const string Issuer = "WSIS Tracker";
}

public sealed record StaffUserModel(string Id, string Email, string Role, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, DateTimeOffset? LockedOutUntil)
{
    /// <summary>The slugs of the stakeholders a contributor is focal point of, by slug; empty for other roles.</summary>
    public IReadOnlyList<string> Stakeholders { get; init; } = [];
}

/// <summary>
/// Managing staff accounts, for the <c>users</c> command and the administrators' page alike: create with a role,
/// change role, disable and re-enable, reset a password. Identity's validators apply the password and e-mail rules.
/// Every <see cref="IdentityResult"/> is checked: a failed step is an error and undoes the steps before it (each
/// change that takes several saves runs in one transaction). An administrator can neither disable their own account
/// nor give up their own role, whichever front end asks (<see cref="OwnAccountCode"/>).
/// </summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, WsisTrackerDbContext db, TimeProvider time)
{
    /// <summary>The code of the error an administrator gets for disabling or demoting themselves.</summary>
    public const string OwnAccountCode = "own-account";

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

    /// <summary>
    /// Creates an account of one role. A contributor names the stakeholders (slugs) they are focal point of, at least
    /// one; the other roles name none. <paramref name="culture"/> is the language of their e-mails (English when none
    /// of the six is given).
    /// </summary>
    public async Task<Result<StaffUserModel>> CreateAsync(string? email, string? role, string? password, IReadOnlyList<string>? stakeholders = null, string? culture = null)
    {
        var errors = new FieldErrors();
        var canonicalRole = StaffRoles.Find(role);
        if (canonicalRole is null)
        {
            errors.Add("role", $"Choose one of the roles: {string.Join(", ", StaffRoles.All)}.");
        }

        var stakeholderIds = await ResolveStakeholdersAsync(canonicalRole, stakeholders, errors);

        email = await CheckNewEmailAsync(email, errors);

        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, LockoutEnabled = true, CreatedAt = time.GetUtcNow(), Culture = MailText.Known(culture) };
        if (errors.Any)
        {
            await CheckPasswordAsync(user, password, errors);
            return errors.ToError();
        }

        if (await CheckPasswordAsync(user, password, errors) is false)
        {
            return errors.ToError();
        }

        // In the caller's transaction when there is one (accepting an invitation), else in one of its own.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
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

        var added = await users.AddToRoleAsync(user, canonicalRole!);
        if (!added.Succeeded)
        {
            return ToError(added, "role");
        }

        db.StaffUserStakeholders.AddRange(stakeholderIds.Select(id => new StaffUserStakeholder { StaffUserId = user.Id, StakeholderId = id }));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (ConstraintViolation.Of(e) is { Kind: ConstraintKind.ForeignKey })
        {
            // A stakeholder it names was deleted after it was looked up.
            return Error.Validation("stakeholders", "A stakeholder named was deleted meanwhile; look the slugs up again.");
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }

        return await ToModelAsync(user);
    }

    /// <summary>
    /// The rule of a new account's e-mail, the sign-in name and the actor of the audit: one line, no spaces or control
    /// characters, at most <see cref="Limits.ShortText"/>, and no account has it yet. Answers it trimmed.
    /// </summary>
    public async Task<string?> CheckNewEmailAsync(string? email, FieldErrors errors)
    {
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > Limits.ShortText || !email.Contains('@', StringComparison.Ordinal)
            || !PlainText.IsValid(email) || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add("email", $"Give an e-mail address of at most {Limits.ShortText} characters, without spaces.");
        }
        else if (await users.FindByEmailAsync(email) is not null)
        {
            errors.Add("email", "There is already a user with this e-mail address.");
        }

        return email;
    }

    /// <summary>
    /// Gives the account one role, in one transaction; its sessions end. <paramref name="actingUserId"/> is the
    /// administrator asking (null for a command run on the server), who may not take their own administrator role.
    /// </summary>
    public async Task<Result<StaffUserModel>> ChangeRoleAsync(string id, string? role, string? actingUserId)
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

        if (id == actingUserId && canonicalRole != StaffRoles.Administrator)
        {
            return new Error(ErrorKind.Conflict, OwnAccountCode, "You cannot give up your own administrator role; ask another administrator.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var current = await users.GetRolesAsync(user);
        var steps = new List<Func<Task<IdentityResult>>>();
        if (current.Any(r => r != canonicalRole))
        {
            steps.Add(() => users.RemoveFromRolesAsync(user, current.Where(r => r != canonicalRole)));
        }

        if (!current.Contains(canonicalRole))
        {
            steps.Add(() => users.AddToRoleAsync(user, canonicalRole));
        }

        if (canonicalRole != StaffRoles.Contributor)
        {
            // Only contributors are focal points: an account that stops being one stops reporting for anyone.
            await db.StaffUserStakeholders.Where(l => l.StaffUserId == id).ExecuteDeleteAsync();
        }

        steps.Add(() => users.UpdateSecurityStampAsync(user));
        foreach (var step in steps)
        {
            var done = await step();
            if (!done.Succeeded)
            {
                return ToError(done, "role");
            }
        }

        await transaction.CommitAsync();
        return await ToModelAsync(user);
    }

    /// <summary>Disables an account: it cannot sign in, its open sessions end at their next check, its history stays.</summary>
    /// <remarks><paramref name="actingUserId"/> is the administrator asking (null for a server command); nobody disables themselves.</remarks>
    public async Task<Result<StaffUserModel>> DisableAsync(string id, string? actingUserId)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Error.NotFound("User", id);
        }

        if (id == actingUserId)
        {
            return new Error(ErrorKind.Conflict, OwnAccountCode, "You cannot disable your own account.");
        }

        user.DisabledAt ??= time.GetUtcNow();
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        // Setting the stamp here makes the update and the end of the sessions one save.
        var updated = await users.UpdateSecurityStampAsync(user);
        return updated.Succeeded ? await ToModelAsync(user) : (Result<StaffUserModel>)ToError(updated, "");
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
        var updated = await users.UpdateAsync(user);
        return updated.Succeeded ? await ToModelAsync(user) : (Result<StaffUserModel>)ToError(updated, "");
    }

    /// <summary>Ends every session of the account (sign-out): the security stamp changes, and each request checks it.</summary>
    public async Task<Result<bool>> EndSessionsAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Error.NotFound("User", id);
        }

        var updated = await users.UpdateSecurityStampAsync(user);
        return updated.Succeeded ? true : (Result<bool>)ToError(updated, "");
    }

    /// <summary>
    /// The shared key an authenticator app needs (RFC 6238, as Identity's authenticator token provider checks it),
    /// made on first use, and its <c>otpauth://</c> URI. Making the key changes the security stamp: the caller
    /// refreshes the session.
    /// </summary>
    public async Task<Result<AuthenticatorSetup>> AuthenticatorSetupAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Error.NotFound("User", id);
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            var reset = await users.ResetAuthenticatorKeyAsync(user);
            if (!reset.Succeeded)
            {
                return ToError(reset, "");
            }

            key = await users.GetAuthenticatorKeyAsync(user);
        }

        var label = Uri.EscapeDataString($"{AuthenticatorSetup.Issuer}:{user.Email}");
        var uri = $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(AuthenticatorSetup.Issuer)}&digits=6&period=30";
        return new AuthenticatorSetup(key!, uri, user.TwoFactorEnabled);
    }

    /// <summary>
    /// Turns two-factor sign-in on once the user proves their authenticator works with a current code, and returns
    /// ten new single-use recovery codes (shown once; only their hashes are kept).
    /// </summary>
    public async Task<Result<IReadOnlyList<string>>> EnableTwoFactorAsync(string id, string? code)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Error.NotFound("User", id);
        }

        var digits = new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (digits.Length == 0 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            return Error.Validation("code", "This code is not right. Type the 6 digits your authenticator app shows now.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var enabled = await users.SetTwoFactorEnabledAsync(user, true);
        if (!enabled.Succeeded)
        {
            return ToError(enabled, "code");
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        await transaction.CommitAsync();
        return codes?.ToList() ?? [];
    }

    /// <summary>The account's current security stamp, or null when there is no such account; one indexed read.</summary>
    public Task<string?> SecurityStampAsync(string id, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.SecurityStamp).FirstOrDefaultAsync(cancellationToken);

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

    /// <summary>The ids of the stakeholders by slug; a contributor needs at least one, the other roles none.</summary>
    internal async Task<IReadOnlyList<int>> ResolveStakeholdersAsync(string? role, IReadOnlyList<string>? slugs, FieldErrors errors)
    {
        var wanted = (slugs ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (role == StaffRoles.Contributor && wanted.Count == 0)
        {
            errors.Add("stakeholders", "A contributor reports for at least one stakeholder: give its slug.");
            return [];
        }

        if (role is not null && role != StaffRoles.Contributor && wanted.Count > 0)
        {
            errors.Add("stakeholders", "Only contributors are focal points of stakeholders.");
            return [];
        }

        var found = await db.Stakeholders.AsNoTracking().Where(s => wanted.Contains(s.Slug)).Select(s => new { s.Id, s.Slug }).ToListAsync();
        foreach (var slug in wanted.Where(w => !found.Any(f => f.Slug == w)))
        {
            errors.Add("stakeholders", $"There is no stakeholder '{PlainText.Cut(slug, Limits.Slug)}'.");
        }

        return [.. found.Select(f => f.Id)];
    }

    private static Error ToError(IdentityResult result, string field) =>
        Error.Validation(new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Description).ToArray() });

    private async Task<StaffUserModel> ToModelAsync(StaffUser user)
    {
        var roles = await users.GetRolesAsync(user);
        var lockedOut = user.DisabledAt is null && user.LockoutEnd is { } end && end > time.GetUtcNow() ? end : (DateTimeOffset?)null;
        var stakeholders = await db.StaffUserStakeholders.AsNoTracking().Where(l => l.StaffUserId == user.Id)
            .Select(l => l.Stakeholder!.Slug).OrderBy(s => s).ToListAsync();
        return new StaffUserModel(user.Id, user.Email ?? "", roles.FirstOrDefault() ?? "", user.CreatedAt, user.DisabledAt, lockedOut) { Stakeholders = stakeholders };
    }
}
