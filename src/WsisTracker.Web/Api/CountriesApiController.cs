using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Countries;
using WsisTracker.Web.Api.Contracts;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Api;

/// <summary>The countries and areas of the UN M49 standard and their dated LDC, LLDC and SIDS memberships.</summary>
[Route("api/v1/countries")]
public sealed class CountriesApiController(CountryService countries) : ApiControllerBase
{
    /// <summary>Every country or area by English name, with the groupings it belongs to on <c>asOf</c> (today when none).</summary>
    /// <param name="grouping">Only the members of this grouping on that day: <c>ldc</c>, <c>lldc</c> or <c>sids</c>.</param>
    /// <param name="asOf">The day the memberships are read for, e.g. <c>2024-01-01</c>.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet]
    [ProducesResponseType<CountryList>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> ListAsync([FromQuery] string? grouping, [FromQuery] DateOnly? asOf, CancellationToken cancellationToken) =>
        From(await countries.ListAsync(grouping, asOf, cancellationToken));

    /// <summary>One country by its ISO 3166-1 alpha-3 code: its M49 areas, its groupings on <c>asOf</c> and every dated membership.</summary>
    /// <param name="iso3">The ISO 3166-1 alpha-3 code, e.g. <c>KEN</c>.</param>
    /// <param name="asOf">The day the groupings are read for (today when none).</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet("{iso3}")]
    [ProducesResponseType<CountryDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> GetAsync(string iso3, [FromQuery] DateOnly? asOf, CancellationToken cancellationToken) =>
        From(await countries.GetAsync(iso3, asOf, cancellationToken));

    /// <summary>Records a membership of a grouping (409 <c>membership-overlaps</c> when it overlaps another of the same grouping). Secretariat and Administrator keys.</summary>
    /// <param name="iso3">The country's ISO 3166-1 alpha-3 code.</param>
    /// <param name="request">The grouping and the period.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpPost("{iso3}/groupings")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [Consumes("application/json")]
    [ProducesResponseType<MembershipModel>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> AddMembershipAsync(string iso3, [FromBody] MembershipRequest request, CancellationToken cancellationToken)
    {
        var added = await countries.AddMembershipAsync(iso3, request.ToInput(), cancellationToken);
        return added.Succeeded
            ? Created($"/api/v1/countries/{iso3.ToUpperInvariant()}/groupings/{added.Value.Id}", added.Value)
            : Problem(added.Error);
    }

    /// <summary>Ends a membership: records the first day the country is no longer a member (a graduation). Secretariat and Administrator keys.</summary>
    /// <param name="iso3">The country's ISO 3166-1 alpha-3 code.</param>
    /// <param name="id">The membership's id.</param>
    /// <param name="request">The end day and its source.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpPost("{iso3}/groupings/{id:int}/end")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [Consumes("application/json")]
    [ProducesResponseType<MembershipModel>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> EndMembershipAsync(string iso3, int id, [FromBody] MembershipEndRequest request, CancellationToken cancellationToken) =>
        From(await countries.EndMembershipAsync(iso3, id, request.To, request.Source, cancellationToken));

    /// <summary>Removes a membership recorded by mistake (a graduation is recorded by ending it). Secretariat and Administrator keys.</summary>
    /// <param name="iso3">The country's ISO 3166-1 alpha-3 code.</param>
    /// <param name="id">The membership's id.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpDelete("{iso3}/groupings/{id:int}")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> DeleteMembershipAsync(string iso3, int id, CancellationToken cancellationToken)
    {
        var deleted = await countries.DeleteMembershipAsync(iso3, id, cancellationToken);
        return deleted.Succeeded ? NoContent() : Problem(deleted.Error);
    }
}
