using System.Data.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WsisTracker.Web.Controllers;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// A command timeout of <c>Database:PublicStatementTimeoutSeconds</c> on every SQL command of an anonymous GET or
/// HEAD (pages, feeds, exports and the API's reads), so one costly public query cannot hold a connection for long;
/// signed-in staff and every write keep Npgsql's default. When it fires Npgsql cancels the statement on the server,
/// and <see cref="Filter"/> answers 503 (decision 061).
/// </summary>
public sealed class PublicReadTimeout(IHttpContextAccessor accessor, int seconds) : DbCommandInterceptor
{
    public const int DefaultSeconds = 15;

    /// <summary>Set on a request whose commands carry the public timeout.</summary>
    public const string AppliedItem = "PublicReadTimeout.Applied";

    /// <summary>Set on a request that the public timeout ended.</summary>
    public const string FiredItem = "PublicReadTimeout.Fired";

    public static int Seconds(IConfiguration configuration)
    {
        var seconds = configuration.GetValue("Database:PublicStatementTimeoutSeconds", DefaultSeconds);
        return seconds < 0
            ? throw new InvalidOperationException($"Database:PublicStatementTimeoutSeconds must be 0 (no limit) or a positive number of seconds, not {seconds}.")
            : seconds;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Apply(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Apply(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Apply(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Apply(command);
        return ValueTask.FromResult(result);
    }

    private void Apply(DbCommand command)
    {
        if (seconds > 0 && accessor.HttpContext is { } context && IsPublicRead(context))
        {
            command.CommandTimeout = seconds;
            context.Items[AppliedItem] = true;
        }
    }

    private static bool IsPublicRead(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.User.Identity?.IsAuthenticated != true;

    /// <summary>Turns a public read that outlived its timeout into a 503 (problem or page), logged as a warning without a stack trace.</summary>
    public sealed class Filter(ILogger<PublicReadTimeout> logger) : IExceptionFilter
    {
        public void OnException(ExceptionContext context)
        {
            var http = context.HttpContext;
            if (!http.Items.ContainsKey(AppliedItem) || !IsTimeout(context.Exception))
            {
                return;
            }

            http.Items[FiredItem] = true;
            logger.LogWarning("A query of {Method} {Path} outlived the public read timeout and was cancelled", http.Request.Method, http.Request.Path);
            http.Response.Headers.RetryAfter = ErrorController.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var correlationId = SecuritySetup.CorrelationId(http);
            context.Result = http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                ? ApiProblems.ToActionResult(ApiProblems.Create(http, StatusCodes.Status503ServiceUnavailable, "service-unavailable", "The request took too long; try again shortly.", "A query took longer than this site allows for public reads."))
                : new ViewResult
                {
                    ViewName = "Error",
                    StatusCode = StatusCodes.Status503ServiceUnavailable,
                    ViewData = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary(new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), context.ModelState)
                    {
                        Model = new ErrorViewModel(correlationId, Unavailable: true, Detail: null),
                    },
                };
            context.ExceptionHandled = true;
        }

        private static bool IsTimeout(Exception? exception)
        {
            for (var e = exception; e is not null; e = e.InnerException)
            {
                if (e is TimeoutException)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
