using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Dashboard;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Api;

/// <summary>The dashboard's aggregates.</summary>
[Route("api/v1/dashboard")]
public sealed class DashboardApiController(DashboardService dashboard, DisplayNames names) : ApiControllerBase
{
    /// <summary>Totals, counts by status, action line and stakeholder group, the overdue count and the latest change; action-line titles in the language of <c>Accept-Language</c>.</summary>
    /// <remarks><c>region</c> and <c>grouping</c> limit the figures as they limit <c>GET /api/v1/commitments</c>: commitments of a stakeholder whose country is in the area, or in the grouping today (<c>groupingsAsOf</c> says which day), and commitments whose geographic scope is there.</remarks>
    /// <param name="query">The filters: <c>resolution</c>, <c>region</c>, <c>grouping</c>.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet]
    [DisplayNames]
    [ProducesResponseType<DashboardModel>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> GetAsync([FromQuery] DashboardQuery query, CancellationToken cancellationToken) =>
        Ok(names.Of(await dashboard.GetAsync(DashboardQuery.Blank(query.Resolution), DashboardQuery.Blank(query.Region), DashboardQuery.Blank(query.Grouping), cancellationToken)));
}
