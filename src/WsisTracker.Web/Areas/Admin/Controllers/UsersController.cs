using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Common;
using WsisTracker.Web.Areas.Workspace.Controllers;

namespace WsisTracker.Web.Areas.Admin.Controllers;

public sealed record NewUserForm
{
    public string? Email { get; init; }

    public string? Role { get; init; }

    public string? Password { get; init; }
}

public sealed record UsersPage(IReadOnlyList<StaffUserModel> Users, NewUserForm Form);

public sealed record UserPage(StaffUserModel User);

/// <summary>Administrators manage staff accounts through <see cref="StaffAccounts"/>: create, change role, disable, reset password.</summary>
[Authorize(Roles = StaffRoles.Administrator)]
[Area("Admin")]
public sealed class UsersController(StaffAccounts accounts, ILogger<UsersController> logger) : WorkspaceControllerBase
{
    [HttpGet("/admin/users")]
    public async Task<IActionResult> IndexAsync(CancellationToken cancellationToken) =>
        View("Index", new UsersPage(await accounts.ListAsync(cancellationToken), new NewUserForm { Role = StaffRoles.Secretariat }));

    [HttpPost("/admin/users")]
    public async Task<IActionResult> CreateAsync(NewUserForm form, CancellationToken cancellationToken)
    {
        var created = await accounts.CreateAsync(form.Email, form.Role, form.Password);
        if (created.Succeeded)
        {
            logger.LogInformation("{Admin} created the {Role} account {Email}", User.Identity?.Name, created.Value!.Role, created.Value.Email);
            Notice($"Created {created.Value.Email} ({created.Value.Role}). Give them their password by a separate channel.");
            return Redirect("/admin/users");
        }

        AddErrors(created.Error!);
        return View("Index", new UsersPage(await accounts.ListAsync(cancellationToken), form with { Password = null }));
    }

    [HttpGet("/admin/users/{id}")]
    public async Task<IActionResult> ShowAsync(string id)
    {
        var user = await accounts.GetAsync(id);
        return user.Succeeded ? View("User", new UserPage(user.Value!)) : NotFound();
    }

    [HttpPost("/admin/users/{id}/role")]
    public Task<IActionResult> ChangeRoleAsync(string id, string? role) =>
        ApplyAsync(id, () => accounts.ChangeRoleAsync(id, role, CurrentUserId()), u => $"{u.Email} is now {u.Role}.");

    [HttpPost("/admin/users/{id}/disable")]
    public Task<IActionResult> DisableAsync(string id) =>
        ApplyAsync(id, () => accounts.DisableAsync(id, CurrentUserId()), u => $"{u.Email} is disabled.");

    [HttpPost("/admin/users/{id}/enable")]
    public Task<IActionResult> EnableAsync(string id) =>
        ApplyAsync(id, () => accounts.EnableAsync(id), u => $"{u.Email} is enabled.");

    [HttpPost("/admin/users/{id}/password")]
    public Task<IActionResult> ResetPasswordAsync(string id, string? password) =>
        ApplyAsync(id, () => accounts.ResetPasswordAsync(id, password), u => $"{u.Email} has a new password.");

    private async Task<IActionResult> ApplyAsync(string id, Func<Task<Result<StaffUserModel>>> action, Func<StaffUserModel, string> done)
    {
        var result = await action();
        if (result.Succeeded)
        {
            logger.LogInformation("{Admin}: {Change}", User.Identity?.Name, done(result.Value!));
            Notice(done(result.Value!));
            return Redirect($"/admin/users/{id}");
        }

        if (result.Error!.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        if (result.Error.Code == StaffAccounts.OwnAccountCode)
        {
            return Refuse(id, result.Error.Message);
        }

        AddErrors(result.Error);
        var user = await accounts.GetAsync(id);
        return user.Succeeded ? View("User", new UserPage(user.Value!)) : NotFound();
    }

    private IActionResult Refuse(string id, string message)
    {
        Notice(message);
        return Redirect($"/admin/users/{id}");
    }

    private string? CurrentUserId() => User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
}
