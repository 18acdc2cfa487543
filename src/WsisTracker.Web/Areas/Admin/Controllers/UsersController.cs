using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Common;
using WsisTracker.Core.Stakeholders;
using WsisTracker.Web.Areas.Workspace.Controllers;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Areas.Admin.Controllers;

public sealed record NewUserForm
{
    public string? Email { get; init; }

    public string? Role { get; init; }

    public string? Password { get; init; }

    /// <summary>For a contributor: the stakeholders (slugs) they are focal point of.</summary>
    public List<string> Stakeholders { get; init; } = [];
}

/// <summary>An invitation to an account: the person sets their own password through the link (decision 084).</summary>
public sealed record InviteForm
{
    public string? Email { get; init; }

    public string? Role { get; init; }

    public List<string> Stakeholders { get; init; } = [];
}

public sealed record UsersPage(IReadOnlyList<StaffUserModel> Users, NewUserForm Form)
{
    public InviteForm Invite { get; init; } = new() { Role = StaffRoles.Contributor };

    public IReadOnlyList<StakeholderModel> Stakeholders { get; init; } = [];

    public IReadOnlyList<InvitationModel> Invitations { get; init; } = [];

    /// <summary>The link of the invitation just made: shown this once.</summary>
    public string? InvitationLink { get; init; }
}

public sealed record UserPage(StaffUserModel User);

/// <summary>Administrators manage staff accounts through <see cref="StaffAccounts"/>: create, change role, disable, reset password.</summary>
[Authorize(Roles = StaffRoles.Administrator)]
[Area("Admin")]
public sealed class UsersController(StaffAccounts accounts, Invitations invitations, StakeholderService stakeholders, SiteUrls urls, ILogger<UsersController> logger) : WorkspaceControllerBase
{
    [HttpGet("/admin/users")]
    public async Task<IActionResult> IndexAsync(CancellationToken cancellationToken) =>
        View("Index", await PageAsync(new NewUserForm { Role = StaffRoles.Secretariat }, new InviteForm { Role = StaffRoles.Contributor }, null, cancellationToken));

    /// <summary>Invites someone to an account and shows the link once, for the administrator to pass on.</summary>
    [HttpPost("/admin/users/invitations")]
    public async Task<IActionResult> InviteAsync(InviteForm form, CancellationToken cancellationToken)
    {
        var created = await invitations.CreateAsync(form.Email, form.Role, form.Stakeholders, User.Identity?.Name ?? "administrator", cancellationToken);
        if (!created.Succeeded)
        {
            foreach (var (field, messages) in created.Error!.FieldErrors ?? new Dictionary<string, string[]>())
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError("Invite." + field, Text[message]);
                }
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Index", await PageAsync(new NewUserForm { Role = StaffRoles.Secretariat }, form, null, cancellationToken));
        }

        var invitation = created.Value!.Invitation;
        logger.LogInformation("{Admin} invited {Email} as {Role}", User.Identity?.Name, invitation.Email, invitation.Role);
        var link = $"{urls.BaseOf(Request)}/account/invitation?token={created.Value.Token}";
        return View("Index", await PageAsync(new NewUserForm { Role = StaffRoles.Secretariat }, new InviteForm { Role = StaffRoles.Contributor }, link, cancellationToken));
    }

    private async Task<UsersPage> PageAsync(NewUserForm form, InviteForm invite, string? link, CancellationToken cancellationToken) =>
        new(await accounts.ListAsync(cancellationToken), form)
        {
            Invite = invite,
            Stakeholders = await stakeholders.ListAsync(null, cancellationToken),
            Invitations = await invitations.ListOpenAsync(cancellationToken),
            InvitationLink = link,
        };

    [HttpPost("/admin/users")]
    public async Task<IActionResult> CreateAsync(NewUserForm form, CancellationToken cancellationToken)
    {
        var created = await accounts.CreateAsync(form.Email, form.Role, form.Password, form.Stakeholders);
        if (created.Succeeded)
        {
            logger.LogInformation("{Admin} created the {Role} account {Email}", User.Identity?.Name, created.Value!.Role, created.Value.Email);
            Notice(Text["Created {0} ({1}). Give them their password by a separate channel.", created.Value.Email, Text.Role(created.Value.Role)]);
            return RedirectWithin("/admin/users");
        }

        AddErrors(created.Error!);
        return View("Index", await PageAsync(form with { Password = null }, new InviteForm { Role = StaffRoles.Contributor }, null, cancellationToken));
    }

    [HttpGet("/admin/users/{id}")]
    public async Task<IActionResult> ShowAsync(string id)
    {
        var user = await accounts.GetAsync(id);
        return user.Succeeded ? View("User", new UserPage(user.Value!)) : NotFound();
    }

    [HttpPost("/admin/users/{id}/role")]
    public Task<IActionResult> ChangeRoleAsync(string id, string? role) =>
        ApplyAsync(id, () => accounts.ChangeRoleAsync(id, role, CurrentUserId()), "{0} is now {1}.");

    [HttpPost("/admin/users/{id}/disable")]
    public Task<IActionResult> DisableAsync(string id) =>
        ApplyAsync(id, () => accounts.DisableAsync(id, CurrentUserId()), "{0} is disabled.");

    [HttpPost("/admin/users/{id}/enable")]
    public Task<IActionResult> EnableAsync(string id) =>
        ApplyAsync(id, () => accounts.EnableAsync(id), "{0} is enabled.");

    [HttpPost("/admin/users/{id}/password")]
    public Task<IActionResult> ResetPasswordAsync(string id, string? password) =>
        ApplyAsync(id, () => accounts.ResetPasswordAsync(id, password), "{0} has a new password.");

    /// <summary>Applies a change to an account; <paramref name="done"/> says what changed ({0} the e-mail, {1} the role), logged in English and shown in the page's culture.</summary>
    private async Task<IActionResult> ApplyAsync(string id, Func<Task<Result<StaffUserModel>>> action, string done)
    {
        var result = await action();
        if (result.Succeeded)
        {
            var u = result.Value!;
            logger.LogInformation("{Admin}: {Change}", User.Identity?.Name, string.Format(CultureInfo.InvariantCulture, done, u.Email, u.Role));
            Notice(Text[done, u.Email, Text.Role(u.Role)]);
            return RedirectWithin($"/admin/users/{id}");
        }

        if (result.Error!.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        if (result.Error.Code == StaffAccounts.OwnAccountCode)
        {
            return Refuse(id, Text[result.Error.Message]);
        }

        AddErrors(result.Error);
        var user = await accounts.GetAsync(id);
        return user.Succeeded ? View("User", new UserPage(user.Value!)) : NotFound();
    }

    private IActionResult Refuse(string id, string message)
    {
        Notice(message);
        return RedirectWithin($"/admin/users/{id}");
    }

    private string? CurrentUserId() => User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
}
