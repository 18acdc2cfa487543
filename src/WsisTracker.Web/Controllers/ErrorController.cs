using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace WsisTracker.Web.Controllers;

/// <summary>Where the exception handler sends unhandled failures: a problem response for the API, a plain page otherwise.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    [Route("/error")]
    public IActionResult Error() => Respond(includeDetail: false);

    [Route("/error/development")]
    public IActionResult DevelopmentError([FromServices] IWebHostEnvironment environment) =>
        environment.IsDevelopment() ? Respond(includeDetail: true) : NotFound();

    private IActionResult Respond(bool includeDetail)
    {
        var feature = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        var detail = includeDetail ? feature?.Error.ToString() : null;
        if (feature?.Path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) == true)
        {
            return Problem(detail: detail, statusCode: StatusCodes.Status500InternalServerError, title: "An unexpected error occurred.");
        }

        Response.StatusCode = StatusCodes.Status500InternalServerError;
        return View("Error", new ErrorViewModel(HttpContext.TraceIdentifier, detail));
    }
}

public sealed record ErrorViewModel(string TraceId, string? Detail);
