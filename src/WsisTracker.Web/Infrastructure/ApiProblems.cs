using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using WsisTracker.Core.Common;

namespace WsisTracker.Web.Infrastructure;

/// <summary>The one mapping from a service <see cref="Error"/> to an RFC 9457 problem response.</summary>
public static class ApiProblems
{
    public const string TypePrefix = "urn:wsis-tracker:problem:";

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static IActionResult ToActionResult(Error error, HttpContext context)
    {
        var status = error.Kind switch
        {
            ErrorKind.Validation => StatusCodes.Status400BadRequest,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.StaleVersion => StatusCodes.Status412PreconditionFailed,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status500InternalServerError,
        };
        ProblemDetails problem = error.FieldErrors is { Count: > 0 } fields
            ? new ValidationProblemDetails(fields.ToDictionary(f => f.Key, f => f.Value))
            : new ProblemDetails();
        problem.Status = status;
        problem.Type = TypePrefix + error.Code;
        problem.Title = error.Kind switch
        {
            ErrorKind.Validation => "The request is not valid.",
            ErrorKind.NotFound => "Not found.",
            ErrorKind.Conflict => "Conflict.",
            ErrorKind.StaleVersion => "Precondition failed.",
            ErrorKind.Forbidden => "Forbidden.",
            _ => "Error.",
        };
        problem.Detail = error.Message;
        problem.Instance = context.Request.Path;
        AddTraceId(problem, context);
        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
    }

    public static IActionResult FromModelState(ActionContext context)
    {
        var errors = CamelCaseKeys(context.ModelState);
        RejectedInputLogging.Write(context.HttpContext.RequestServices.GetRequiredService<ILogger<RejectedInputLogging>>(), context.HttpContext.Request, errors.Keys);
        var problem = new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = TypePrefix + "validation",
            Title = "The request is not valid.",
            Instance = context.HttpContext.Request.Path,
        };
        AddTraceId(problem, context.HttpContext);
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }

    /// <summary>
    /// Model-binding errors keyed by the JSON names the client sent (<c>title</c>, <c>paragraphs[0].number</c>), as the
    /// services' own field errors are; JSON-path keys (<c>$.priority</c>) stay as they are.
    /// </summary>
    private static Dictionary<string, string[]> CamelCaseKeys(ModelStateDictionary modelState) =>
        modelState.Where(entry => entry.Value is { Errors.Count: > 0 })
            .GroupBy(entry => entry.Key.StartsWith('$') ? entry.Key : string.Join('.', entry.Key.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName)))
            .ToDictionary(group => group.Key, group => group.SelectMany(entry => entry.Value!.Errors.Select(e => e.ErrorMessage)).ToArray());

    /// <summary>A problem that no service reports: authentication, preconditions, limits, idempotency.</summary>
    public static ProblemDetails Create(HttpContext context, int status, string code, string title, string detail)
    {
        var problem = new ProblemDetails { Status = status, Type = TypePrefix + code, Title = title, Detail = detail, Instance = context.Request.Path };
        AddTraceId(problem, context);
        return problem;
    }

    public static IActionResult ToActionResult(ProblemDetails problem) =>
        new ObjectResult(problem) { StatusCode = problem.Status, ContentTypes = { "application/problem+json" } };

    /// <summary>Writes a problem straight to the response, for middleware and authentication handlers.</summary>
    public static Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return context.Response.WriteAsJsonAsync(problem, JsonOptions, "application/problem+json", context.RequestAborted);
    }

    public static void AddTraceId(ProblemDetailsContext context) => AddTraceId(context.ProblemDetails, context.HttpContext);

    private static void AddTraceId(ProblemDetails problem, HttpContext context)
    {
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.Features.Get<IHttpActivityFeature>()?.Activity.Id ?? context.TraceIdentifier;
        problem.Extensions["correlationId"] = SecuritySetup.CorrelationId(context);
    }
}
