using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Web.Api;

/// <summary>Governments, organizations and communities that commitments name.</summary>
[Route("api/v1/stakeholders")]
public sealed class StakeholdersApiController(StakeholderService stakeholders) : ApiControllerBase
{
    /// <summary>All stakeholders by group and name, optionally of one group.</summary>
    /// <param name="group">One of the six stakeholder groups, e.g. <c>internationalOrganizations</c>.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<StakeholderModel>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> ListAsync([FromQuery] StakeholderGroup? group, CancellationToken cancellationToken) =>
        Ok(await stakeholders.ListAsync(group, cancellationToken));

    /// <summary>One stakeholder.</summary>
    /// <param name="id">The stakeholder's id.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet("{id:int}")]
    [ProducesResponseType<StakeholderModel>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> GetAsync(int id, CancellationToken cancellationToken) =>
        From(await stakeholders.GetAsync(id, cancellationToken));
}
