using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using WsisTracker.Core.Accounts;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Controllers;

/// <summary>
/// Staff sign-in and sign-out. Every attempt is logged with the e-mail given, never the password. A refused attempt
/// gets one message whatever the reason (unknown account, wrong password, an account waiting after failures, a
/// disabled one), so the page tells nobody which accounts exist.
/// </summary>
public sealed class AccountController(SignInManager<StaffUser> signIn, SignInDelays delays, StaffAccounts accounts, PageText text, ILogger<AccountController> logger) : Controller
{
    public const string RefusedMessage = "The e-mail address or password is not right. After several failed attempts an account waits a little longer before each new try: wait a minute and try again.";

    /// <summary>Where a sign-in without a return address lands: contributors on their commitments, the others in the workspace.</summary>
    private async Task<string> LandingAsync(string email) =>
        await signIn.UserManager.FindByEmailAsync(email) is { } user && await signIn.UserManager.IsInRoleAsync(user, StaffRoles.Contributor) ? Url.Content("~/contribute") : Url.Content("~/workspace");

    [HttpGet("/account/login")]
    [AllowAnonymous]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [HttpPost("/account/login")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> LoginAsync(LoginForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(nameof(Login), form);
        }

        var email = form.Email!.Trim();
        var result = await signIn.PasswordSignInAsync(email, form.Password!, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            logger.LogInformation("Staff sign-in succeeded for {Email}", email);
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl : await LandingAsync(email));
        }

        if (result.RequiresTwoFactor)
        {
            logger.LogInformation("Staff sign-in for {Email}: password accepted, code asked for", email);
            return Redirect(Url.Content("~/account/login/code") + (Url.IsLocalUrl(form.ReturnUrl) ? $"?returnUrl={Uri.EscapeDataString(form.ReturnUrl)}" : ""));
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Staff sign-in refused for {Email}: the account is waiting after failed attempts, or disabled", email);
        }
        else
        {
            logger.LogWarning("Staff sign-in failed for {Email}", email);
            await delays.RecordFailureAsync(email, cancellationToken);
        }

        ModelState.AddModelError("", text[RefusedMessage]);
        return View(nameof(Login), form with { Password = null });
    }

    [HttpGet("/account/logout")]
    public IActionResult Logout() => View();

    [HttpPost("/account/logout")]
    public async Task<IActionResult> LogoutAsync()
    {
        var name = User.Identity?.Name;
        // Ends the session everywhere, not only in this browser: a copy of the cookie is refused from now on.
        if (signIn.UserManager.GetUserId(User) is { } id && await accounts.EndSessionsAsync(id) is { Succeeded: false } ended)
        {
            logger.LogError("Could not end the sessions of {Email}: {Error}", name, ended.Error.Message);
        }

        await signIn.SignOutAsync();
        if (name is not null)
        {
            logger.LogInformation("Staff sign-out for {Email}", name);
        }

        return LocalRedirect(Url.Content("~/"));
    }

    [HttpGet("/account/denied")]
    public IActionResult Denied() => View();
}

public sealed record LoginForm
{
    [Required(ErrorMessage = "Give your e-mail address.")]
    [Display(Name = "Email")]
    public string? Email { get; init; }

    [Required(ErrorMessage = "Give your password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string? Password { get; init; }

    public string? ReturnUrl { get; init; }
}
