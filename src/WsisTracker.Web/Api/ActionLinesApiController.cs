using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.ActionLines;

namespace WsisTracker.Web.Api;

/// <summary>The WSIS action lines C1 to C11, with the C7 sub-lines, facilitators, SDG links and provenance.</summary>
[Route("api/v1/action-lines")]
public sealed class ActionLinesApiController(ActionLineService actionLines) : ApiControllerBase
{
    /// <summary>The eleven action lines in order; C7 carries its sub-lines.</summary>
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<ActionLineModel>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> ListAsync(CancellationToken cancellationToken) =>
        Ok(await actionLines.ListAsync(cancellationToken));

    /// <summary>One action line or sub-line by its code (<c>C5</c>, <c>C7.4</c>).</summary>
    /// <param name="code">The action-line code.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet("{code}")]
    [ProducesResponseType<ActionLineModel>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> GetAsync(string code, CancellationToken cancellationToken) =>
        From(await actionLines.GetAsync(code, cancellationToken));
}
