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
        result.Succeeded ? Ok(result.Value) : ApiProblems.ToActionResult(result.Error!, HttpContext);
}
