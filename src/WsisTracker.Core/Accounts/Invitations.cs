using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Accounts;

public sealed record InvitationModel(int Id, string Email, string Role, IReadOnlyList<string> Stakeholders, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>A new invitation and its token, which is never stored and cannot be shown again.</summary>
public sealed record CreatedInvitation(InvitationModel Invitation, string Token);

/// <summary>
/// Invitations to an account (decision 084): an administrator invites an e-mail address to a role (a contributor
/// with their stakeholders); the person opens the link and sets their own password, once, before it expires. The
/// account itself is made by <see cref="StaffAccounts.CreateAsync"/>, so every rule of an account (e-mail,
/// password, role, stakeholders) is checked there, in the transaction that uses up the invitation.
/// </summary>
public sealed class Invitations(WsisTrackerDbContext db, StaffAccounts accounts, TimeProvider time)
{
    /// <summary>How long a link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>The one answer for a token that is unknown, used, expired or superseded: which of these it is does not leak.</summary>
    public static Error Invalid() =>
        new(ErrorKind.NotFound, "invitation-invalid", "This invitation link is not valid: it may have been used already or have expired. Ask an administrator for a new one.");

    /// <summary>
    /// Invites <paramref name="email"/> to <paramref name="role"/> (a contributor names at least one stakeholder, by
    /// slug); an earlier invitation of the same address still open ends now. The token is 32 random bytes.
    /// </summary>
    public async Task<Result<CreatedInvitation>> CreateAsync(string? email, string? role, IReadOnlyList<string>? stakeholders, string createdBy, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var address = await accounts.CheckNewEmailAsync(email, errors);
        var canonicalRole = StaffRoles.Find(role);
        if (canonicalRole is null)
        {
            errors.Add("role", $"Choose one of the roles: {string.Join(", ", StaffRoles.All)}.");
        }

        var stakeholderIds = await accounts.ResolveStakeholdersAsync(canonicalRole, stakeholders, errors);
        if (errors.Any)
        {
            return errors.ToError();
        }

        var now = time.GetUtcNow();
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var invitation = new Invitation
        {
            Email = address!,
            Role = canonicalRole!,
            StakeholderIds = [.. stakeholderIds],
            TokenHash = Hash(token),
            CreatedBy = createdBy,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        var earlier = await db.Invitations.Where(i => i.Email == invitation.Email && i.AcceptedAt == null && i.ExpiresAt > now).ToListAsync(cancellationToken);
        earlier.ForEach(i => i.ExpiresAt = now);
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedInvitation(await ToModelAsync(invitation, cancellationToken), token);
    }

    /// <summary>The open invitations, newest first.</summary>
    public async Task<IReadOnlyList<InvitationModel>> ListOpenAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = await db.Invitations.AsNoTracking().Where(i => i.AcceptedAt == null && i.ExpiresAt > now).OrderByDescending(i => i.CreatedAt).Take(200).ToListAsync(cancellationToken);
        var slugs = await SlugsAsync(open.SelectMany(i => i.StakeholderIds), cancellationToken);
        return open.Select(i => ToModel(i, slugs)).ToList();
    }

    /// <summary>The invitation of a token that still works, or <see cref="Invalid"/>.</summary>
    public async Task<Result<InvitationModel>> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return Invalid();
        }

        var hash = Hash(token.Trim());
        var now = time.GetUtcNow();
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now, cancellationToken);
        return invitation is null ? Invalid() : await ToModelAsync(invitation, cancellationToken);
    }

    /// <summary>The field of <see cref="AcceptAsync"/>'s error when the password and its confirmation differ.</summary>
    public const string ConfirmationField = "confirmPassword";

    /// <summary>
    /// Uses the invitation up and makes its account with the person's password, in one transaction: the invitation's
    /// row is claimed first (so of two uses at once one waits and then finds it used), and a refused password rolls
    /// the claim back, so the link still works for a better one. The account's e-mails are written in
    /// <paramref name="culture"/>, the language of the page the person accepted on (decision 130).
    /// </summary>
    public async Task<Result<StaffUserModel>> AcceptAsync(string? token, string? password, string? confirmation, CancellationToken cancellationToken, string? culture = null)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return Invalid();
        }

        // The person types the new password twice; a mismatch claims nothing, so the link still works.
        if (!string.Equals(password, confirmation, StringComparison.Ordinal))
        {
            return Error.Validation(ConfirmationField, "The two passwords are not the same.");
        }

        var hash = Hash(token.Trim());
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Invitations.Where(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now), cancellationToken);
        if (claimed != 1)
        {
            return Invalid();
        }

        var invitation = await db.Invitations.AsNoTracking().SingleAsync(i => i.TokenHash == hash, cancellationToken);
        var slugs = await SlugsAsync(invitation.StakeholderIds, cancellationToken);
        var created = await accounts.CreateAsync(invitation.Email, invitation.Role, password, invitation.StakeholderIds.Where(slugs.ContainsKey).Select(id => slugs[id]).ToList(), culture);
        if (!created.Succeeded)
        {
            return created.Error!;
        }

        var userId = created.Value!.Id;
        await db.Invitations.Where(i => i.Id == invitation.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedUserId, userId), cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return created.Value;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private async Task<InvitationModel> ToModelAsync(Invitation invitation, CancellationToken cancellationToken) =>
        ToModel(invitation, await SlugsAsync(invitation.StakeholderIds, cancellationToken));

    private static InvitationModel ToModel(Invitation i, IReadOnlyDictionary<int, string> slugs) =>
        new(i.Id, i.Email, i.Role, i.StakeholderIds.Where(slugs.ContainsKey).Select(id => slugs[id]).ToList(), i.CreatedBy, i.CreatedAt, i.ExpiresAt);

    private async Task<Dictionary<int, string>> SlugsAsync(IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Stakeholders.AsNoTracking().Where(s => wanted.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Slug, cancellationToken);
    }
}
