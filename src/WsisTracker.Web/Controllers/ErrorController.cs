using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Controllers;

/// <summary>
/// Where the exception handler sends unhandled failures: a problem response for the API, a plain page otherwise,
/// never with a stack trace or SQL outside Development. A database that cannot be reached is a 503 with Retry-After
/// (the client may try again), anything else a 500; both carry the correlation id that the log line carries.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    public const int RetryAfterSeconds = 5;

    [Route("/error")]
    public IActionResult Error() => Respond(includeDetail: false);

    [Route("/error/development")]
    public IActionResult DevelopmentError([FromServices] IWebHostEnvironment environment) =>
        environment.IsDevelopment() ? Respond(includeDetail: true) : NotFound();

    public static bool IsDatabaseUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or SocketException or TimeoutException
                || e is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.CrashShutdown })
            {
                return true;
            }
        }

        return false;
    }

    private IActionResult Respond(bool includeDetail)
    {
        var feature = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        var unavailable = IsDatabaseUnavailable(feature?.Error);
        var status = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        if (unavailable)
        {
            Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var detail = includeDetail ? feature?.Error.ToString() : null;
        var correlationId = SecuritySetup.CorrelationId(HttpContext);
        if (feature?.Path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) == true)
        {
            var problem = ProblemDetailsFactory.CreateProblemDetails(
                HttpContext,
                statusCode: status,
                title: unavailable ? "The database is unavailable; try again shortly." : "An unexpected error occurred.",
                type: ApiProblems.TypePrefix + (unavailable ? "service-unavailable" : "internal-error"),
                detail: detail);
            return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
        }

        Response.StatusCode = status;
        return View("Error", new ErrorViewModel(correlationId, unavailable, detail));
    }
}

public sealed record ErrorViewModel(string CorrelationId, bool Unavailable, string? Detail);
