using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Reporting;
using WsisTracker.Web.Api.Contracts;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Api;

/// <summary>Reporting cycles: the secretariat's calls for inputs, with their response rates; opened and closed with an API key.</summary>
[Route("api/v1/reporting-cycles")]
public sealed class ReportingCyclesApiController(ReportingCycles cycles) : ApiControllerBase
{
    /// <summary>Every reporting cycle, the latest opening first.</summary>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<ReportingCycleSummary>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> ListAsync(CancellationToken cancellationToken) => Ok(await cycles.ListAsync(cancellationToken));

    /// <summary>One reporting cycle with its response rates (overall, by lead stakeholder, by action line), who has not answered and what arrived late.</summary>
    /// <remarks>An open cycle's figures are computed at the request; a closed cycle's come from the snapshot stored at its close. Close it with <c>If-Match</c> set to its <c>version</c>.</remarks>
    /// <param name="id">The cycle's id.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet("{id:int}")]
    [ProducesResponseType<ReportingCycleDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> GetAsync(int id, CancellationToken cancellationToken) => From(await cycles.GetAsync(id, cancellationToken));

    /// <summary>Opens a reporting cycle: its name, its window and the commitments it covers (all, or filtered by resolution, action line and stakeholder).</summary>
    /// <param name="request">The cycle.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpPost]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [Idempotent]
    [Consumes("application/json")]
    [ProducesResponseType<ReportingCycleSummary>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> OpenAsync([FromBody] ReportingCycleRequest request, CancellationToken cancellationToken)
    {
        var opened = await cycles.OpenAsync(request.ToInput(), cancellationToken);
        return Resource(opened, c => c.Version, opened.Succeeded ? $"/api/v1/reporting-cycles/{opened.Value!.Id}" : null);
    }

    /// <summary>Closes a reporting cycle and freezes its report (409 <c>cycle-closed</c> when it already is); <c>If-Match</c> is the cycle's <c>version</c>.</summary>
    /// <param name="id">The cycle's id.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpPost("{id:int}/close")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [RequiresIfMatch]
    [Idempotent]
    [ProducesResponseType<ReportingCycleSummary>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> CloseAsync(int id, CancellationToken cancellationToken) =>
        Resource(await cycles.CloseAsync(id, IfMatchVersion, cancellationToken), c => c.Version);
}
