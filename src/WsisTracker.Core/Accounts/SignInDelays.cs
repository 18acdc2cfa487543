using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Data;

namespace WsisTracker.Core.Accounts;

/// <summary>
/// A growing delay instead of a hard lockout (decision 046): after <see cref="FreeFailures"/> wrong passwords in a
/// row, an account refuses sign-in until a wait that doubles with each further failure has passed, from
/// <see cref="FirstDelay"/> up to <see cref="MaximumDelay"/>. A stranger's five tries cost the owner seconds, not a
/// quarter of an hour; a guesser gets about a dozen tries an hour. Attempts refused while the account waits are not
/// counted, so hammering does not lengthen the wait. The count and the end of the wait are Identity's own columns
/// (<c>access_failed_count</c>, <c>lockout_end</c>), so every instance sees them; a right password resets the count.
/// </summary>
public sealed class SignInDelays(WsisTrackerDbContext db, TimeProvider time)
{
    public const int FreeFailures = 3;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaximumDelay = TimeSpan.FromMinutes(5);

    /// <summary>How long an account waits after <paramref name="failures"/> wrong passwords in a row.</summary>
    public static TimeSpan After(int failures)
    {
        if (failures < FreeFailures)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - FreeFailures, 30);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay < MaximumDelay ? delay : MaximumDelay;
    }

    /// <summary>
    /// Counts a wrong password for the account of <paramref name="email"/> (nothing when there is none) and starts
    /// its wait. The increment is one atomic statement, so concurrent failures on several instances all count; the
    /// wait only ever moves later, so a disabled account stays locked until the end of time.
    /// </summary>
    public async Task RecordFailureAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var account = db.Users.Where(u => u.NormalizedEmail == normalized);
        if (await account.ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1), cancellationToken) == 0)
        {
            return;
        }

        var failures = await account.Select(u => u.AccessFailedCount).FirstAsync(cancellationToken);
        var delay = After(failures);
        if (delay > TimeSpan.Zero)
        {
            var until = time.GetUtcNow() + delay;
            await account.Where(u => u.LockoutEnd == null || u.LockoutEnd < until)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, until), cancellationToken);
        }
    }
}
