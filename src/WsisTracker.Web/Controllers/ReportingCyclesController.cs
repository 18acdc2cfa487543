using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using WsisTracker.Core.Reporting;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Controllers;

/// <summary>A cycle's compiled report: a printable page and a Word document, final once the cycle is closed (decision 087).</summary>
public sealed class ReportingCyclesController(ReportingCycles cycles) : PageController
{
    [HttpGet("/reporting-cycles/{id:int}/report")]
    [EnableRateLimiting(RateLimits.CostlyPages)]
    public async Task<IActionResult> ReportAsync(int id, CancellationToken cancellationToken)
    {
        var report = await cycles.ReportAsync(id, cancellationToken);
        return report.Succeeded ? View("Report", report.Value!) : NotFoundPage(report.Error!);
    }

    [HttpGet("/reporting-cycles/{id:int}/report.docx")]
    [EnableRateLimiting(RateLimits.CostlyPages)]
    public async Task<IActionResult> DocumentAsync(int id, [FromServices] SiteUrls urls, CancellationToken cancellationToken)
    {
        var report = await cycles.ReportAsync(id, cancellationToken);
        if (!report.Succeeded)
        {
            return NotFoundPage(report.Error!);
        }

        var name = report.Value!.IsFinal ? $"reporting-cycle-{id}.docx" : $"reporting-cycle-{id}-draft.docx";
        return File(ReportDocument.Write(report.Value, urls.BaseOf(Request), HttpContext.RequestServices.GetRequiredService<PageText>()), ReportDocument.MediaType, name);
    }
}
