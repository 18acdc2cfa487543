using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Common;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Api;

[ApiController]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status500InternalServerError, "application/problem+json")]
public abstract class ApiControllerBase : ControllerBase
{
    /// <summary>Maps a service result to 200 with its value, or to the problem response of its error.</summary>
    protected IActionResult From<T>(Result<T> result) =>
        result.Succeeded ? Ok(result.Value) : ApiProblems.ToActionResult(result.Error, HttpContext);

    /// <summary>
    /// Maps a single resource to 200 (or 201 at <paramref name="location"/>) with its <c>ETag</c>, to 304 when a GET's
    /// <c>If-None-Match</c> names that tag, or to the problem of its error.
    /// </summary>
    protected IActionResult Resource<T>(Result<T> result, Func<T, uint> version, string? location = null)
    {
        if (!result.Succeeded)
        {
            return ApiProblems.ToActionResult(result.Error, HttpContext);
        }

        var etag = Preconditions.Format(version(result.Value));
        Response.Headers.ETag = etag;
        if (HttpMethods.IsGet(Request.Method) && Preconditions.NoneMatch(HttpContext, etag))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        return location is null ? Ok(result.Value) : Created(location, result.Value);
    }

    protected IActionResult Problem(Error error) => ApiProblems.ToActionResult(error, HttpContext);

    /// <summary>The version the request's <c>If-Match</c> names; only an action marked <see cref="RequiresIfMatchAttribute"/> has one.</summary>
    protected uint IfMatchVersion => HttpContext.Features.Get<IfMatchVersion>()?.Version
        ?? throw new InvalidOperationException($"Mark the action [{nameof(RequiresIfMatchAttribute).Replace("Attribute", "", StringComparison.Ordinal)}] to read If-Match.");
}
