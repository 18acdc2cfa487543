using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Common;
using WsisTracker.Core.Indicators;
using WsisTracker.Web.Areas.Workspace.Controllers;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Areas.Admin.Controllers;

public sealed record IndicatorImportPage(string? Text, IndicatorImport? Preview)
{
    /// <summary>The attribution the series is to be stored with; the World Bank's until the administrator gives another.</summary>
    public string? Attribution { get; init; } = IndicatorService.WorldBankAttribution;
}

/// <summary>
/// An administrator uploads a World Bank CSV file of one series, sees what would be stored (or every problem by
/// line), and confirms. As for resolutions, the confirmation carries the file back and it is read again by
/// <see cref="IndicatorService.ImportAsync"/>, which stores all of it or nothing; nothing is kept between the steps.
/// The administrator gives the attribution the series is shown with (who publishes it, its licence) with the file.
/// </summary>
[Authorize(Roles = StaffRoles.Administrator)]
[Area("Admin")]
public sealed class IndicatorsController(IndicatorService indicators, PageText text, ILogger<IndicatorsController> logger) : WorkspaceControllerBase
{
    private const string ViewName = "Import";

    /// <summary>Bytes an upload may take: a World Bank file of <see cref="WorldBankCsv.MaxRows"/> rows is well under it.</summary>
    private const int MaxUpload = 8_000_000;

    [HttpGet("/admin/indicators/import")]
    public IActionResult Import() => View(ViewName, new IndicatorImportPage(null, null));

    [HttpPost("/admin/indicators/import/preview")]
    [RequestSizeLimit(MaxUpload)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxUpload)]
    public async Task<IActionResult> PreviewAsync(IFormFile? file, string? attribution, CancellationToken cancellationToken)
    {
        if (file is not { Length: > 0 })
        {
            ModelState.AddModelError("file", text["Choose the CSV file to import."]);
            return View(ViewName, new IndicatorImportPage(null, null) { Attribution = attribution });
        }

        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes, cancellationToken);
        if (Csv.DecodeUtf8(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)) is not { } csv)
        {
            ModelState.AddModelError("file", text["The file is not UTF-8. Save it again as \"CSV UTF-8 (comma delimited)\" and upload that file."]);
            return View(ViewName, new IndicatorImportPage(null, null) { Attribution = attribution });
        }

        var preview = await indicators.ImportAsync(new StringReader(csv), attribution ?? "", store: false, cancellationToken);
        if (preview.AttributionProblem is { } problem)
        {
            ModelState.AddModelError("attribution", text.Message(problem));
            return View(ViewName, new IndicatorImportPage(null, null) { Attribution = attribution });
        }

        return View(ViewName, new IndicatorImportPage(csv, preview) { Attribution = attribution });
    }

    [HttpPost("/admin/indicators/import")]
    [RequestSizeLimit(MaxUpload)]
    [RequestFormLimits(ValueLengthLimit = MaxUpload)]
    public async Task<IActionResult> ConfirmAsync(string? csv, string? attribution, CancellationToken cancellationToken)
    {
        var imported = await indicators.ImportAsync(new StringReader(csv ?? ""), attribution ?? "", store: true, cancellationToken);
        if (!imported.Stored)
        {
            if (imported.AttributionProblem is { } problem)
            {
                ModelState.AddModelError("attribution", text.Message(problem));
            }

            return View(ViewName, new IndicatorImportPage(csv, imported) { Attribution = attribution });
        }

        logger.LogInformation("{Admin} imported the indicator {Code}: {Values} values", User.Identity?.Name, imported.Code, imported.Values);
        Notice(text["Imported {0}: {1}. The API and the country pages show them now.", imported.Code, text.Count(imported.Values, "value")]);
        return Redirect("/admin/indicators/import");
    }
}
