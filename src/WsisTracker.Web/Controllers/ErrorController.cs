using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using WsisTracker.Core.Data;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Controllers;

/// <summary>
/// Where the exception handler sends unhandled failures: a problem response for the API, a plain page otherwise,
/// never with a stack trace or SQL outside Development. A database that cannot be reached is a 503 with Retry-After
/// (the client may try again); text that cannot be decoded (invalid UTF-8 or UTF-16 in a body) or that PostgreSQL
/// cannot store (the NUL character, U+0000, should any input escape the binding check of decision 034) is the client's
/// error, a 400; a unique or foreign-key violation two clients caused by racing is a 409; anything else a 500. All carry the correlation id that the log line carries.
/// The handler re-executes the failed request with its own method, so it takes no antiforgery token.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
[IgnoreAntiforgeryToken]
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

    /// <summary>True when the request's text could not be decoded, or PostgreSQL refused a character it cannot hold (U+0000): bad input, not a bug.</summary>
    public static bool IsBadText(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Text.DecoderFallbackException or PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire })
            {
                return true;
            }
        }

        return false;
    }

    private IActionResult Respond(bool includeDetail)
    {
        var feature = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (IsBadText(feature?.Error))
        {
            return BadText();
        }

        if (ConstraintViolation.Of(feature?.Error) is { } violation)
        {
            return Conflict(violation.ToConflict());
        }

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

    /// <summary>
    /// A unique or foreign-key violation that no service turned into its own conflict: two clients raced on one row.
    /// It is the clients' conflict, not the app's failure (409, never 500).
    /// </summary>
    private IActionResult Conflict(Core.Common.Error conflict)
    {
        var feature = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (feature?.Path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) == true)
        {
            return ApiProblems.ToActionResult(conflict, HttpContext);
        }

        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("Error", new ErrorViewModel(SecuritySetup.CorrelationId(HttpContext), Unavailable: false, conflict.Message, IsConflict: true));
    }

    private IActionResult BadText()
    {
        const string Detail = "The request holds text that cannot be read or stored: invalid UTF-8, or the NUL character (U+0000).";
        var feature = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (feature?.Path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) == true)
        {
            return ApiProblems.ToActionResult(Core.Common.Error.Validation("$", Detail), HttpContext);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Error", new ErrorViewModel(SecuritySetup.CorrelationId(HttpContext), Unavailable: false, Detail, IsBadInput: true));
    }
}

public sealed record ErrorViewModel(string CorrelationId, bool Unavailable, string? Detail, bool IsBadInput = false, bool IsConflict = false);
