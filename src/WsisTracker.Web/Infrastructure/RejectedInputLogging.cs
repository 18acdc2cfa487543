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

        logger.LogWarning("Rejected input for {Method} {Path}: {Fields}", context.HttpContext.Request.Method, context.HttpContext.Request.Path,
            string.Join(", ", context.ModelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key.Length == 0 ? "(form)" : e.Key)));
    }
}
