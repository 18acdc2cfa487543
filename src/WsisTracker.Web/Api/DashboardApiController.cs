using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Common;
using WsisTracker.Core.Dashboard;

namespace WsisTracker.Web.Api;

/// <summary>The dashboard's aggregates.</summary>
[Route("api/v1/dashboard")]
public sealed class DashboardApiController(DashboardService dashboard, DisplayNames names) : ApiControllerBase
{
    /// <summary>Totals, counts by status, action line and stakeholder group, the overdue count and the latest change; action-line titles in the language of <c>Accept-Language</c>.</summary>
    /// <param name="resolution">Only commitments citing this resolution (slug); all when omitted.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet]
    [DisplayNames]
    [ProducesResponseType<DashboardModel>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> GetAsync([FromQuery, StringLength(Limits.Symbol)] string? resolution, CancellationToken cancellationToken) =>
        Ok(names.Of(await dashboard.GetAsync(resolution, cancellationToken)));
}
