using System.Text;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;

namespace WsisTracker.Web.Areas.Workspace.Controllers;

public sealed record CsvPage(string? Text, CsvImportReport? Report);

/// <summary>
/// The bulk round-trip: download commitments and progress updates as CSV, upload an edited commitments file, see
/// every change and every error by row and column, and confirm. The confirmation carries the file back and it is
/// checked again; it is applied all or nothing.
/// </summary>
[Area("Workspace")]
public sealed class CsvController(CommitmentCsv csv, ILogger<CsvController> logger) : WorkspaceControllerBase
{
    private const string ViewName = "Index";
    private const int MaxUpload = 20_000_000;

    [HttpGet("/workspace/csv")]
    public IActionResult Index() => View(ViewName, new CsvPage(null, null));

    [HttpGet("/workspace/csv/commitments.csv")]
    public async Task<IActionResult> ExportCommitmentsAsync(CancellationToken cancellationToken)
    {
        await using var writer = new StringWriter();
        await csv.ExportCommitmentsAsync(writer, cancellationToken);
        return File(Encoding.UTF8.GetBytes(writer.ToString()), "text/csv; charset=utf-8", "commitments.csv");
    }

    [HttpGet("/workspace/csv/progress-updates.csv")]
    public async Task<IActionResult> ExportProgressAsync(CancellationToken cancellationToken)
    {
        await using var writer = new StringWriter();
        await csv.ExportProgressAsync(writer, cancellationToken);
        return File(Encoding.UTF8.GetBytes(writer.ToString()), "text/csv; charset=utf-8", "progress-updates.csv");
    }

    [HttpPost("/workspace/csv/preview")]
    [RequestSizeLimit(MaxUpload)]
    public async Task<IActionResult> PreviewAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is not { Length: > 0 })
        {
            ModelState.AddModelError("file", Text["Choose the CSV file to import."]);
            return View(ViewName, new CsvPage(null, null));
        }

        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes, cancellationToken);
        if (Csv.DecodeUtf8(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)) is not { } text)
        {
            ModelState.AddModelError("file", Text["The file is not UTF-8. Save it again as \"CSV UTF-8 (comma delimited)\" and upload that file."]);
            return View(ViewName, new CsvPage(null, null));
        }

        var report = await csv.ImportAsync(new StringReader(text), apply: false, cancellationToken);
        return View(ViewName, new CsvPage(text, report));
    }

    [HttpPost("/workspace/csv/import")]
    [RequestSizeLimit(MaxUpload)]
    [RequestFormLimits(ValueLengthLimit = MaxUpload, MultipartBodyLengthLimit = MaxUpload)]
    public async Task<IActionResult> ImportAsync(string? text, CancellationToken cancellationToken)
    {
        var report = await csv.ImportAsync(new StringReader(text ?? ""), apply: true, cancellationToken);
        if (!report.Applied)
        {
            return View(ViewName, new CsvPage(text, report));
        }

        logger.LogInformation("{Editor} imported a commitments CSV: {Changes} changes", User.Identity?.Name, report.ChangeCount);
        Notice(Text["Imported: {0} created, {1} changed, {2} unchanged.", report.Rows.Count(r => r.Change == CsvRowChange.Created), report.Rows.Count(r => r.Change == CsvRowChange.Changed), report.Rows.Count(r => r.Change == CsvRowChange.Unchanged)]);
        return RedirectWithin("/workspace/csv");
    }
}
