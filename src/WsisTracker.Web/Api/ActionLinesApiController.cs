using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.ActionLines;

namespace WsisTracker.Web.Api;

/// <summary>The WSIS action lines C1 to C11, with the C7 sub-lines, facilitators, SDG links and provenance.</summary>
[Route("api/v1/action-lines")]
public sealed class ActionLinesApiController(ActionLineService actionLines, DisplayNames names) : ApiControllerBase
{
    /// <summary>The eleven action lines in order; C7 carries its sub-lines. Titles in the language of <c>Accept-Language</c> (<c>Content-Language</c> says which).</summary>
    [HttpGet]
    [DisplayNames]
    [ProducesResponseType<IReadOnlyList<ActionLineModel>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> ListAsync(CancellationToken cancellationToken) =>
        Ok((await actionLines.ListAsync(cancellationToken)).Select(names.Of).ToList());

    /// <summary>One action line or sub-line by its code (<c>C5</c>, <c>C7.4</c>); its title in the language of <c>Accept-Language</c>.</summary>
    /// <param name="code">The action-line code.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet("{code}")]
    [DisplayNames]
    [ProducesResponseType<ActionLineModel>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> GetAsync(string code, CancellationToken cancellationToken)
    {
        var line = await actionLines.GetAsync(code, cancellationToken);
        return line.Succeeded ? Ok(names.Of(line.Value)) : Problem(line.Error);
    }
}
