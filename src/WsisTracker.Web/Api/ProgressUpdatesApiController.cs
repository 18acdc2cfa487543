using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Commitments;

namespace WsisTracker.Web.Api;

/// <summary>The change feed of progress updates, for tools that sync incrementally.</summary>
[Route("api/v1/progress-updates")]
public sealed class ProgressUpdatesApiController(ChangeFeed feed) : ApiControllerBase
{
    /// <summary>Progress updates in feed order after <c>since</c>; follow <c>next</c> to get each update exactly once.</summary>
    /// <remarks>The feed shows an update once the transaction that wrote it and every older one still running have ended; see docs/api.md.</remarks>
    /// <param name="since">Empty (from the start), an ISO 8601 time, or the <c>next</c> cursor of the previous answer.</param>
    /// <param name="limit">At most this many updates, 1 to 200.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet]
    [ProducesResponseType<ProgressFeedPage>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> ListAsync([FromQuery, StringLength(200)] string? since, [FromQuery] int limit = 100, CancellationToken cancellationToken = default)
    {
        var result = await feed.ReadAsync(since, limit, cancellationToken);
        if (result.Value is { } page)
        {
            Response.Headers.Link = $"<{Request.PathBase}{Request.Path}?since={Uri.EscapeDataString(page.Next)}&limit={limit}>; rel=\"next\"";
        }

        return From(result);
    }
}
