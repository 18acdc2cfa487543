using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Common;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Controllers;

public sealed record InvitationForm
{
    [StringLength(100)]
    public string? Token { get; init; }

    [DataType(DataType.Password)]
    [StringLength(Limits.ShortText)]
    public string? Password { get; init; }

    [DataType(DataType.Password)]
    [StringLength(Limits.ShortText)]
    public string? ConfirmPassword { get; init; }
}

public sealed record InvitationPage(InvitationModel? Invitation, InvitationForm Form);

/// <summary>
/// The page an invitation link opens (decision 084): the person sets their own password, once, and then signs in.
/// The token travels in the query string of the link and in the form, never in a path the request log writes.
/// </summary>
[AllowAnonymous]
public sealed class InvitationsController(Invitations invitations, PageText text, ILogger<InvitationsController> logger) : Controller
{
    [HttpGet("/account/invitation")]
    public async Task<IActionResult> ShowAsync([StringLength(100)] string? token, CancellationToken cancellationToken)
    {
        var invitation = ModelState.IsValid ? await invitations.FindAsync(token, cancellationToken) : Invitations.Invalid();
        if (!invitation.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View("~/Views/Account/Invitation.cshtml", new InvitationPage(null, new InvitationForm()));
        }

        return View("~/Views/Account/Invitation.cshtml", new InvitationPage(invitation.Value, new InvitationForm { Token = token }));
    }

    [HttpPost("/account/invitation")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> AcceptAsync(InvitationForm form, CancellationToken cancellationToken)
    {
        var invitation = await invitations.FindAsync(form.Token, cancellationToken);
        if (!ModelState.IsValid || !invitation.Succeeded)
        {
            Response.StatusCode = invitation.Succeeded ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound;
            return View("~/Views/Account/Invitation.cshtml", new InvitationPage(invitation.Value, form with { Password = null, ConfirmPassword = null }));
        }

        var accepted = await invitations.AcceptAsync(form.Token, form.Password, form.ConfirmPassword, cancellationToken, Cultures.Of(HttpContext));
        if (accepted.Succeeded)
        {
            logger.LogInformation("Invitation accepted: the {Role} account {Email} was made", accepted.Value!.Role, accepted.Value.Email);
            return Redirect(Url.Content("~/account/login") + "?invited=1");
        }

        logger.LogWarning("Invitation refused for {Email}: {Code}", invitation.Value!.Email, accepted.Error!.Code);
        Response.StatusCode = accepted.Error.Kind == ErrorKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        foreach (var (field, messages) in accepted.Error.FieldErrors ?? new Dictionary<string, string[]>())
        {
            foreach (var message in messages)
            {
                var key = string.Equals(field, "password", StringComparison.OrdinalIgnoreCase) ? nameof(form.Password)
                    : field == Invitations.ConfirmationField ? nameof(form.ConfirmPassword)
                    : "";
                ModelState.AddModelError(key, text[message]);
            }
        }

        if (accepted.Error.FieldErrors is not { Count: > 0 })
        {
            ModelState.AddModelError("", text[accepted.Error.Message]);
        }

        return View("~/Views/Account/Invitation.cshtml", new InvitationPage(accepted.Error.Kind == ErrorKind.NotFound ? null : invitation.Value, form with { Password = null, ConfirmPassword = null }));
    }
}
