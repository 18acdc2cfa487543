using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using WsisTracker.Core.Accounts;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Controllers;

public sealed record TwoFactorCodeForm
{
    public string? Code { get; init; }

    public string? ReturnUrl { get; init; }
}

public sealed record TwoFactorSetupPage(string SharedKey, string Uri, bool Required, bool Enabled, TwoFactorCodeForm Form)
{
    /// <summary>The key in groups of four, easier to type into an authenticator app.</summary>
    public string GroupedKey => string.Join(' ', Enumerable.Range(0, (SharedKey.Length + 3) / 4).Select(i => SharedKey.Substring(i * 4, Math.Min(4, SharedKey.Length - (i * 4)))));
}

public sealed record RecoveryCodesPage(IReadOnlyList<string> Codes);

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, Identity's authenticator token provider): the code step after
/// the password, and setting it up. Administrators must set it up before any workspace or admin page
/// (<see cref="Infrastructure.SecretariatSetup"/>); the secretariat may.
/// </summary>
public sealed class TwoFactorController(SignInManager<StaffUser> signIn, StaffAccounts accounts, PageText text, ILogger<TwoFactorController> logger) : Controller
{
    /// <summary>The claim Identity adds to a session that passed a second factor.</summary>
    public const string MfaClaimType = "amr";
    public const string MfaClaimValue = "mfa";

    [HttpGet("/account/login/code")]
    [AllowAnonymous]
    public async Task<IActionResult> CodeAsync(string? returnUrl) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? Redirect(Url.Content("~/account/login"))
            : View("~/Views/Account/Code.cshtml", new TwoFactorCodeForm { ReturnUrl = returnUrl });

    [HttpPost("/account/login/code")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> SubmitCodeAsync(TwoFactorCodeForm form)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return Redirect(Url.Content("~/account/login"));
        }

        var code = new string((form.Code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        var result = code.Length == 0 ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : code.All(char.IsAsciiDigit) ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            logger.LogInformation("Staff two-factor sign-in succeeded for {Email}", user.Email);
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl : Url.Content("~/workspace"));
        }

        logger.LogWarning("Staff two-factor sign-in failed for {Email}", user.Email);
        ModelState.AddModelError(nameof(TwoFactorCodeForm.Code), text["This code is not right. Type the 6 digits your authenticator app shows now, or one of your recovery codes."]);
        return View("~/Views/Account/Code.cshtml", form with { Code = null });
    }

    [HttpGet("/account/two-factor")]
    [Authorize]
    public async Task<IActionResult> SetupAsync(string? returnUrl)
    {
        var setup = await accounts.AuthenticatorSetupAsync(signIn.UserManager.GetUserId(User)!);
        if (!setup.Succeeded)
        {
            return Redirect(Url.Content("~/account/login"));
        }

        // Making the key changed the security stamp: renew this session's cookie so it stays valid.
        if (await signIn.UserManager.GetUserAsync(User) is { } user && user.SecurityStamp != User.FindFirstValue(signIn.Options.ClaimsIdentity.SecurityStampClaimType))
        {
            await signIn.RefreshSignInAsync(user);
        }

        return View("~/Views/Account/TwoFactor.cshtml", ToPage(setup.Value, new TwoFactorCodeForm { ReturnUrl = returnUrl }));
    }

    [HttpPost("/account/two-factor")]
    [Authorize]
    public async Task<IActionResult> EnableAsync(TwoFactorCodeForm form)
    {
        var id = signIn.UserManager.GetUserId(User)!;
        var enabled = await accounts.EnableTwoFactorAsync(id, form.Code);
        if (!enabled.Succeeded)
        {
            foreach (var (field, messages) in enabled.Error.FieldErrors ?? new Dictionary<string, string[]>())
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field, text[message]);
                }
            }

            var setup = await accounts.AuthenticatorSetupAsync(id);
            return setup.Succeeded ? View("~/Views/Account/TwoFactor.cshtml", ToPage(setup.Value, form with { Code = null })) : Redirect(Url.Content("~/account/login"));
        }

        // A new session that carries the second factor (the stamp changed when two-factor sign-in was turned on).
        var user = await signIn.UserManager.FindByIdAsync(id);
        await signIn.SignInWithClaimsAsync(user!, new AuthenticationProperties { IsPersistent = false }, [new Claim(MfaClaimType, MfaClaimValue)]);
        logger.LogInformation("Staff two-factor sign-in set up for {Email}", user!.Email);

        // Shown once, in this response: only their hashes are stored.
        return View("~/Views/Account/RecoveryCodes.cshtml", new RecoveryCodesPage(enabled.Value));
    }

    private TwoFactorSetupPage ToPage(AuthenticatorSetup setup, TwoFactorCodeForm form) =>
        new(setup.SharedKey, setup.Uri, User.Claims.Any(c => c.Type == System.Security.Claims.ClaimTypes.Role && StaffRoles.RequiresTwoFactor(c.Value)), setup.Enabled, form);
}
