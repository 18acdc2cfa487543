using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.ApiKeys;

public sealed record ApiKeyModel(int Id, string Name, ApiKeyRole Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    /// <summary>The stakeholder a Contributor key acts for (decision 082); null for the other roles.</summary>
    public int? StakeholderId { get; init; }
}

/// <summary>A new key: the model and the key itself, which is never stored and cannot be shown again.</summary>
public sealed record CreatedApiKey(ApiKeyModel ApiKey, string Key);

/// <summary>Making, listing, revoking and checking API keys, for the command line and the admin page alike.</summary>
public sealed class ApiKeyService(WsisTrackerDbContext db, TimeProvider time)
{
    /// <summary>Every key starts with this, so a leaked key is recognisable in logs and secret scanners.</summary>
    public const string KeyPrefix = "wsis_";

    /// <summary>How stale <see cref="ApiKey.LastUsedAt"/> may get before a use writes it again (one write a minute at most).</summary>
    public static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A key has a unique name (letters, digits, <c>.-_</c>, at most 100) and a role; its secret is 32 random bytes.
    /// A Contributor key names the one stakeholder (slug) it acts for; the other roles name none (decision 082).
    /// </summary>
    public async Task<Result<CreatedApiKey>> CreateAsync(string? name, ApiKeyRole? role, CancellationToken cancellationToken) =>
        await CreateAsync(name, role, null, cancellationToken);

    /// <inheritdoc cref="CreateAsync(string?, ApiKeyRole?, CancellationToken)"/>
    public async Task<Result<CreatedApiKey>> CreateAsync(string? name, ApiKeyRole? role, string? stakeholder, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > Limits.Slug || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add("name", $"Give a name of at most {Limits.Slug} letters, digits, '.', '-' or '_'.");
        }

        if (role is not { } r || !Enum.IsDefined(r))
        {
            errors.Add("role", "Choose Administrator, Secretariat or Contributor.");
        }

        int? stakeholderId = null;
        if (role == ApiKeyRole.Contributor)
        {
            stakeholderId = string.IsNullOrWhiteSpace(stakeholder) || !PlainText.IsValid(stakeholder)
                ? null
                : await db.Stakeholders.AsNoTracking().Where(s => s.Slug == stakeholder.Trim()).Select(s => (int?)s.Id).SingleOrDefaultAsync(cancellationToken);
            if (stakeholderId is null)
            {
                errors.Add("stakeholder", string.IsNullOrWhiteSpace(stakeholder) ? "A Contributor key acts for one stakeholder: give its slug." : $"There is no stakeholder '{stakeholder}'.");
            }
        }
        else if (stakeholder is not null)
        {
            errors.Add("stakeholder", "Only a Contributor key acts for a stakeholder.");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        if (await db.ApiKeys.AnyAsync(k => k.Name == trimmed, cancellationToken))
        {
            return NameTaken(trimmed!);
        }

        var key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var apiKey = new ApiKey { Name = trimmed!, Role = role!.Value, StakeholderId = stakeholderId, KeyHash = Hash(key), CreatedAt = time.GetUtcNow() };
        db.ApiKeys.Add(apiKey);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (ConstraintViolation.Of(e) is { Kind: ConstraintKind.Unique } violation)
        {
            // Another key of this name was made after the check above.
            db.Entry(apiKey).State = EntityState.Detached;
            return violation.Constraint?.Contains("name", StringComparison.Ordinal) == true ? NameTaken(trimmed!) : violation.ToConflict();
        }

        return new CreatedApiKey(ToModel(apiKey), key);
    }

    private static Error NameTaken(string name) => new(ErrorKind.Conflict, "api-key-name-taken", $"There is already an API key named '{name}'.");

    public async Task<IReadOnlyList<ApiKeyModel>> ListAsync(CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking().OrderBy(k => k.Name)
            .Select(k => new ApiKeyModel(k.Id, k.Name, k.Role, k.CreatedAt, k.RevokedAt, k.LastUsedAt) { StakeholderId = k.StakeholderId })
            .ToListAsync(cancellationToken);

    /// <summary>Revokes a key by name; it stops working at once and stays listed. Revoking twice is a conflict.</summary>
    public async Task<Result<ApiKeyModel>> RevokeAsync(string name, CancellationToken cancellationToken)
    {
        var apiKey = await db.ApiKeys.SingleOrDefaultAsync(k => k.Name == name, cancellationToken);
        if (apiKey is null)
        {
            return Error.NotFound("API key", name);
        }

        if (apiKey.RevokedAt is not null)
        {
            return new Error(ErrorKind.Conflict, "api-key-revoked", $"The API key '{name}' was already revoked.");
        }

        apiKey.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return ToModel(apiKey);
    }

    /// <summary>The live (not revoked) key with this secret, or null; records the use at most once a minute.</summary>
    public async Task<ApiKeyModel?> AuthenticateAsync(string key, CancellationToken cancellationToken)
    {
        var hash = Hash(key);
        var apiKey = await LiveKeyQuery(db, hash, cancellationToken);
        if (apiKey is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (apiKey.LastUsedAt is not { } last || now - last >= LastUsedPrecision)
        {
            await db.ApiKeys.Where(k => k.Id == apiKey.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
            apiKey.LastUsedAt = now;
        }

        return ToModel(apiKey);
    }

    /// <summary>Every API write runs this lookup, so it is compiled once rather than matched in the query cache each time.</summary>
    private static readonly Func<WsisTrackerDbContext, string, CancellationToken, Task<ApiKey?>> LiveKeyQuery =
        EF.CompileAsyncQuery((WsisTrackerDbContext db, string hash, CancellationToken cancellationToken) =>
            db.ApiKeys.AsNoTracking().SingleOrDefault(k => k.KeyHash == hash && k.RevokedAt == null));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static ApiKeyModel ToModel(ApiKey k) => new(k.Id, k.Name, k.Role, k.CreatedAt, k.RevokedAt, k.LastUsedAt) { StakeholderId = k.StakeholderId };
}
