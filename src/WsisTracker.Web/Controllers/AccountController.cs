using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using WsisTracker.Core.Accounts;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Controllers;

/// <summary>Staff sign-in and sign-out. Every attempt is logged with the e-mail given, never the password.</summary>
public sealed class AccountController(SignInManager<StaffUser> signIn, ILogger<AccountController> logger) : Controller
{
    [HttpGet("/account/login")]
    [AllowAnonymous]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [HttpPost("/account/login")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> LoginAsync(LoginForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(nameof(Login), form);
        }

        var email = form.Email!.Trim();
        var result = await signIn.PasswordSignInAsync(email, form.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Staff sign-in succeeded for {Email}", email);
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl : "/workspace");
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Staff sign-in refused for {Email}: the account is locked out or disabled", email);
            ModelState.AddModelError("", "This account is locked after too many failed attempts, or disabled. Try again in 15 minutes or ask an administrator.");
        }
        else
        {
            logger.LogWarning("Staff sign-in failed for {Email}", email);
            ModelState.AddModelError("", "The e-mail address or password is not right.");
        }

        return View(nameof(Login), form with { Password = null });
    }

    [HttpGet("/account/logout")]
    public IActionResult Logout() => View();

    [HttpPost("/account/logout")]
    public async Task<IActionResult> LogoutAsync()
    {
        var name = User.Identity?.Name;
        await signIn.SignOutAsync();
        if (name is not null)
        {
            logger.LogInformation("Staff sign-out for {Email}", name);
        }

        return LocalRedirect("/");
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
