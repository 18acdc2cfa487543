using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// Logs a page form or filter that was refused: after the action, a model state with errors (from binding, validation
/// or a service error mapped onto a field) is a warning naming the fields, never their values. The API's refusals are
/// logged by <see cref="ApiProblems.FromModelState"/> and by the request log (every 4xx is a warning).
/// </summary>
public sealed class RejectedInputLogging(ILogger<RejectedInputLogging> logger) : IActionFilter
{
    public void OnActionExecuting(ActionExecutingContext context)
    {
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
        if (context.ModelState.IsValid || context.Controller is not Controller)
        {
            return;
        }

        Write(logger, context.HttpContext.Request, context.ModelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key.Length == 0 ? "(form)" : e.Key));
    }

    /// <summary>The one line a refused input writes, for pages and API alike: method, path and the fields' names.</summary>
    public static void Write(ILogger logger, HttpRequest request, IEnumerable<string> fields) =>
        logger.LogWarning("Rejected input for {Method} {Path}: {Fields}", request.Method, request.Path, string.Join(", ", fields));
}
