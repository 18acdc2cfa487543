using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Common;
using WsisTracker.Core.Countries;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Areas.Workspace.Controllers;

/// <summary>A new membership as the form posts it: the grouping's code and the period.</summary>
public sealed record MembershipForm
{
    public string? Grouping { get; init; }

    [Display(Name = "Member from")]
    public DateOnly? From { get; init; }

    [Display(Name = "Member until (the first day it no longer is; optional)")]
    public DateOnly? To { get; init; }

    [Display(Name = "Source (optional)")]
    public string? Source { get; init; }

    public MembershipInput ToInput() => new(Grouping, From, To, Source);
}

/// <summary>The end of a membership as the form posts it: the first day the country is no longer a member.</summary>
public sealed record MembershipEndForm
{
    [Display(Name = "Ends on (the first day it no longer is a member)")]
    public DateOnly? To { get; init; }

    [Display(Name = "Source of the end (optional)")]
    public string? Source { get; init; }
}

/// <summary>The countries with their groupings today, each linking to its memberships.</summary>
public sealed record WorkspaceCountriesPage(CountryList List);

/// <summary>A country's memberships with the add form and, after a refused end, which membership's form the errors belong to.</summary>
public sealed record CountryMembershipsPage(CountryDetail Country, MembershipForm Add, int? FailedEnd = null, MembershipEndForm? End = null);

/// <summary>
/// The secretariat's maintenance of the dated LDC, LLDC and SIDS memberships (decision 110): add, end, remove, each
/// through the <see cref="CountryService"/> method the API calls, so the period rules are applied in one place.
/// </summary>
[Area("Workspace")]
public sealed class CountriesController(CountryService countries, PageText text) : WorkspaceControllerBase
{
    private const string ShowView = "Show";

    [HttpGet("/workspace/countries")]
    public async Task<IActionResult> IndexAsync(CancellationToken cancellationToken) =>
        View("Index", new WorkspaceCountriesPage((await countries.ListAsync(null, null, cancellationToken)).Value!));

    [HttpGet("/workspace/countries/{iso3}")]
    public async Task<IActionResult> ShowAsync(string iso3, CancellationToken cancellationToken)
    {
        var country = await countries.GetAsync(iso3, null, cancellationToken);
        return country.Succeeded ? View(ShowView, new CountryMembershipsPage(country.Value, new MembershipForm())) : NotFound();
    }

    [HttpPost("/workspace/countries/{iso3}/memberships")]
    public async Task<IActionResult> AddAsync(string iso3, MembershipForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var added = await countries.AddMembershipAsync(iso3, form.ToInput(), cancellationToken);
            if (added.Succeeded)
            {
                Notice(text["Membership added: {0}, {1}.", text[PageFormat.GroupingLabel(added.Value.Grouping)], Period(added.Value)]);
                return Redirect($"/workspace/countries/{Uri.EscapeDataString(iso3.ToUpperInvariant())}");
            }

            if (added.Error!.Kind == ErrorKind.NotFound)
            {
                return NotFound();
            }

            ModelState.AddErrors(added.Error, text);
        }

        return await RefusedAsync(iso3, form, null, null, cancellationToken);
    }

    [HttpPost("/workspace/countries/{iso3}/memberships/{id:int}/end")]
    public async Task<IActionResult> EndAsync(string iso3, int id, MembershipEndForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var ended = await countries.EndMembershipAsync(iso3, id, form.To, form.Source, cancellationToken);
            if (ended.Succeeded)
            {
                Notice(text["Membership ended: {0}, {1}.", text[PageFormat.GroupingLabel(ended.Value.Grouping)], Period(ended.Value)]);
                return Redirect($"/workspace/countries/{Uri.EscapeDataString(iso3.ToUpperInvariant())}");
            }

            if (ended.Error!.Kind == ErrorKind.NotFound)
            {
                return NotFound();
            }

            ModelState.AddErrors(ended.Error, text);
        }

        return await RefusedAsync(iso3, new MembershipForm(), id, form, cancellationToken);
    }

    [HttpPost("/workspace/countries/{iso3}/memberships/{id:int}/remove")]
    public async Task<IActionResult> RemoveAsync(string iso3, int id, CancellationToken cancellationToken)
    {
        var removed = await countries.DeleteMembershipAsync(iso3, id, cancellationToken);
        if (!removed.Succeeded)
        {
            return NotFound();
        }

        Notice(text["Membership removed."]);
        return Redirect($"/workspace/countries/{Uri.EscapeDataString(iso3.ToUpperInvariant())}");
    }

    /// <summary>The page again with the values sent and the errors beside them (400); nothing was changed.</summary>
    private async Task<IActionResult> RefusedAsync(string iso3, MembershipForm add, int? failedEnd, MembershipEndForm? end, CancellationToken cancellationToken)
    {
        var country = await countries.GetAsync(iso3, null, cancellationToken);
        if (!country.Succeeded)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(ShowView, new CountryMembershipsPage(country.Value, add, failedEnd, end));
    }

    private string Period(MembershipModel m) =>
        (m.From is null ? text["since before the records"] : text["from {0}", PageText.Date(m.From)])
        + (m.To is { } to ? " " + text["until {0} (left on {1})", PageText.Date(to.AddDays(-1)), PageText.Date(to)] : "");
}
