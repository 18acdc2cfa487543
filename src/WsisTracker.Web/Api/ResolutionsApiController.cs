using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Resolutions;

namespace WsisTracker.Web.Api;

/// <summary>The stored resolutions and their paragraphs, read-only.</summary>
[Route("api/v1/resolutions")]
public sealed class ResolutionsApiController(ResolutionService resolutions) : ApiControllerBase
{
    /// <summary>Lists the stored resolutions, oldest first.</summary>
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<ResolutionSummary>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> ListAsync(CancellationToken cancellationToken) =>
        Ok(await resolutions.ListAsync(cancellationToken));

    /// <summary>One resolution with its section headings and footnotes.</summary>
    /// <param name="slug">The symbol in URL form, e.g. <c>a-res-70-125</c>.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet("{slug}")]
    [ProducesResponseType<ResolutionDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> GetAsync(string slug, CancellationToken cancellationToken) =>
        From(await resolutions.GetAsync(slug, cancellationToken));

    /// <summary>The paragraphs of a resolution in reading order, optionally of one kind.</summary>
    /// <param name="slug">The symbol in URL form, e.g. <c>a-res-70-125</c>.</param>
    /// <param name="kind"><c>preambular</c> or <c>operative</c>; both when omitted.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet("{slug}/paragraphs")]
    [ProducesResponseType<IReadOnlyList<ParagraphModel>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> ParagraphsAsync(string slug, [FromQuery] ParagraphKind? kind, CancellationToken cancellationToken) =>
        From(await resolutions.ListParagraphsAsync(slug, kind, cancellationToken));

    /// <summary>One operative paragraph by its number, with its section and footnotes.</summary>
    /// <param name="slug">The symbol in URL form, e.g. <c>a-res-70-125</c>.</param>
    /// <param name="number">The operative paragraph number.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet("{slug}/paragraphs/{number:int}")]
    [ProducesResponseType<ParagraphModel>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> ParagraphAsync(string slug, int number, CancellationToken cancellationToken) =>
        From(await resolutions.GetOperativeParagraphAsync(slug, number, cancellationToken));
}
