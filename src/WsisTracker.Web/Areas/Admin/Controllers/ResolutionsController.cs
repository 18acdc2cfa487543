using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Common;
using WsisTracker.Core.Resolutions;
using WsisTracker.Web.Areas.Workspace.Controllers;

namespace WsisTracker.Web.Areas.Admin.Controllers;

public sealed record ResolutionImportPage(string? Text, ResolutionPreview? Preview);

/// <summary>
/// An administrator uploads a resolution's text, sees what would be stored with any problem named by line, and
/// confirms. The confirmation carries the text back and it is parsed again; nothing is kept between the steps.
/// </summary>
[Authorize(Roles = StaffRoles.Administrator)]
[Area("Admin")]
public sealed class ResolutionsController(ResolutionImporter importer, ILogger<ResolutionsController> logger) : WorkspaceControllerBase
{
    private const string ViewName = "Import";

    [HttpGet("/admin/resolutions/import")]
    public IActionResult Import() => View(ViewName, new ResolutionImportPage(null, null));

    [HttpPost("/admin/resolutions/import/preview")]
    [RequestSizeLimit(ResolutionImporter.MaxLength * 4)]
    public async Task<IActionResult> PreviewAsync(IFormFile? file, string? text, CancellationToken cancellationToken)
    {
        if (file is { Length: > 0 })
        {
            using var reader = new StreamReader(file.OpenReadStream());
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError("file", Text["Choose a text file, or paste the text."]);
            return View(ViewName, new ResolutionImportPage(null, null));
        }

        return View(ViewName, new ResolutionImportPage(text, await importer.PreviewAsync(text, cancellationToken)));
    }

    [HttpPost("/admin/resolutions/import")]
    [RequestSizeLimit(ResolutionImporter.MaxLength * 4)]
    [RequestFormLimits(ValueLengthLimit = ResolutionImporter.MaxLength * 4)]
    public async Task<IActionResult> ConfirmAsync(string? text, CancellationToken cancellationToken)
    {
        var imported = await importer.ImportAsync(text, cancellationToken);
        if (imported.Succeeded)
        {
            logger.LogInformation("{Admin} imported the resolution {Slug}", User.Identity?.Name, imported.Value);
            Notice(Text["Imported {0}. Commitments can now cite its paragraphs.", imported.Value!]);
            return RedirectWithin("/admin/resolutions/import");
        }

        if (imported.Error!.Kind != ErrorKind.Validation)
        {
            ModelState.AddModelError("", Text[imported.Error.Message]);
        }

        return View(ViewName, new ResolutionImportPage(text, await importer.PreviewAsync(text, cancellationToken)));
    }
}
