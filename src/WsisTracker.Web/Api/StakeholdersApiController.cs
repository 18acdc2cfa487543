using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Stakeholders;
using WsisTracker.Web.Api.Contracts;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Api;

/// <summary>Governments, organizations and communities that commitments name.</summary>
[Route("api/v1/stakeholders")]
public sealed class StakeholdersApiController(StakeholderService stakeholders, StakeholderWrites writes) : ApiControllerBase
{
    /// <summary>All stakeholders by group and name, optionally of one group; <c>Accept: text/csv</c> gives CSV.</summary>
    /// <param name="group">One of the six stakeholder groups, e.g. <c>internationalOrganizations</c>.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<StakeholderModel>>(StatusCodes.Status200OK, "application/json", CsvOutputFormatter.MediaType)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> ListAsync([FromQuery] StakeholderGroup? group, CancellationToken cancellationToken) =>
        Ok(await stakeholders.ListAsync(group, cancellationToken));

    /// <summary>One stakeholder.</summary>
    /// <param name="id">The stakeholder's id.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet("{id:int}")]
    [HasETag]
    [ProducesResponseType<StakeholderModel>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> GetAsync(int id, CancellationToken cancellationToken) =>
        Resource(await stakeholders.GetAsync(id, cancellationToken), s => s.Version);

    /// <summary>Creates a stakeholder; its slug is made from the acronym or the name.</summary>
    /// <param name="request">The stakeholder.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpPost]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [Idempotent]
    [Consumes("application/json")]
    [ProducesResponseType<StakeholderModel>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> CreateAsync([FromBody] StakeholderRequest request, CancellationToken cancellationToken)
    {
        var created = await writes.CreateAsync(request.ToInput(), cancellationToken);
        return Resource(created, s => s.Version, created.Succeeded ? $"/api/v1/stakeholders/{created.Value!.Id}" : null);
    }

    /// <summary>Replaces a stakeholder's name, acronym, group, country and website (the slug stays).</summary>
    /// <param name="id">The stakeholder's id.</param>
    /// <param name="request">The whole stakeholder.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpPut("{id:int}")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [RequiresIfMatch]
    [Consumes("application/json")]
    [ProducesResponseType<StakeholderModel>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> ReplaceAsync(int id, [FromBody] StakeholderRequest request, CancellationToken cancellationToken) =>
        Resource(await writes.ReviseAsync(id, request.ToInput(), IfMatchVersion, cancellationToken), s => s.Version);

    /// <summary>Deletes a stakeholder that no commitment or action line names (409 <c>stakeholder-in-use</c> otherwise). Administrator keys only.</summary>
    /// <param name="id">The stakeholder's id.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpDelete("{id:int}")]
    [Authorize(Policy = ApiSetup.AdministratorPolicy)]
    [RequiresIfMatch]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var deleted = await writes.DeleteAsync(id, IfMatchVersion, cancellationToken);
        return deleted.Succeeded ? NoContent() : Problem(deleted.Error!);
    }
}
