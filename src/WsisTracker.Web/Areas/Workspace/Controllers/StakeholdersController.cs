using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Web.Areas.Workspace.Controllers;

public sealed record StakeholderForm
{
    [Display(Name = "Name")]
    public string? Name { get; init; }

    [Display(Name = "Acronym")]
    public string? Acronym { get; init; }

    [Display(Name = "Group")]
    public StakeholderGroup? Group { get; init; }

    [Display(Name = "Country code (ISO 3166-1 alpha-3)")]
    public string? CountryCode { get; init; }

    [Display(Name = "Collective: stands for several governments or organisations together (such as Member States), with no country")]
    public bool IsCollective { get; init; }

    [Display(Name = "Website")]
    public string? Website { get; init; }

    public uint Version { get; init; }

    public StakeholderInput ToInput() => new(Name, Acronym, Group, CountryCode, Website, IsCollective);

    public static StakeholderForm From(StakeholderModel s) => new()
    {
        Name = s.Name,
        Acronym = s.Acronym,
        Group = s.Group,
        CountryCode = s.CountryCode,
        IsCollective = s.IsCollective,
        Website = s.Website,
        Version = s.Version,
    };
}

public sealed record StakeholderFormPage(int? Id, StakeholderForm Form, StakeholderModel? Conflict = null);

/// <summary>Creating and editing stakeholders through <see cref="StakeholderWrites"/>; a stale edit shows the conflict.</summary>
[Area("Workspace")]
public sealed class StakeholdersController(StakeholderService reads, StakeholderWrites writes) : WorkspaceControllerBase
{
    [HttpGet("/workspace/stakeholders")]
    public async Task<IActionResult> IndexAsync(CancellationToken cancellationToken) =>
        View("Index", await reads.ListAsync(null, cancellationToken));

    [HttpGet("/workspace/stakeholders/new")]
    public IActionResult New() => View("Edit", new StakeholderFormPage(null, new StakeholderForm()));

    [HttpPost("/workspace/stakeholders/new")]
    public async Task<IActionResult> CreateAsync(StakeholderForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var created = await writes.CreateAsync(form.ToInput(), cancellationToken);
            if (created.Succeeded)
            {
                Notice(Text["Stakeholder {0} created.", created.Value!.Name]);
                return RedirectWithin("/workspace/stakeholders");
            }

            AddErrors(created.Error!);
        }

        return View("Edit", new StakeholderFormPage(null, form));
    }

    [HttpGet("/workspace/stakeholders/{id:int}/edit")]
    public async Task<IActionResult> EditAsync(int id, CancellationToken cancellationToken)
    {
        var stakeholder = await reads.GetAsync(id, cancellationToken);
        return stakeholder.Succeeded ? View("Edit", new StakeholderFormPage(id, StakeholderForm.From(stakeholder.Value!))) : NotFound();
    }

    [HttpPost("/workspace/stakeholders/{id:int}/edit")]
    public async Task<IActionResult> ReviseAsync(int id, StakeholderForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View("Edit", new StakeholderFormPage(id, form));
        }

        var revised = await writes.ReviseAsync(id, form.ToInput(), form.Version, cancellationToken);
        if (revised.Succeeded)
        {
            Notice(Text["Stakeholder {0} saved.", revised.Value!.Name]);
            return RedirectWithin("/workspace/stakeholders");
        }

        if (IsStale(revised.Error!))
        {
            return await ConflictViewAsync(await reads.GetAsync(id, cancellationToken), s => View("Edit", new StakeholderFormPage(id, form with { Version = s.Version }, s)));
        }

        if (revised.Error!.Kind == Core.Common.ErrorKind.NotFound)
        {
            return NotFound();
        }

        AddErrors(revised.Error);
        return View("Edit", new StakeholderFormPage(id, form));
    }
}
