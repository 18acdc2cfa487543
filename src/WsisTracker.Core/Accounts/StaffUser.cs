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
}
