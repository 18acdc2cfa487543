using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Net.Http.Headers;
using WsisTracker.Core.Common;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Api;

/// <summary>Marks an action whose response carries the resource's <c>ETag</c> and honours <c>If-None-Match</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HasETagAttribute : Attribute;

/// <summary>
/// A write that needs <c>If-Match</c> with the ETag the client read: the one check of the header (428 without it, 412
/// when it is no tag of ours) and what <see cref="ApiOperationFilter"/> documents, so the document and the behaviour
/// cannot disagree. The action reads the version through <see cref="ApiControllerBase.IfMatchVersion"/>; the service
/// compares it with the row (412 when stale).
/// </summary>
/// <remarks>
/// An action filter, so it runs where the action's own check ran before: after authorisation, the idempotency
/// resource filter and model validation (an invalid body is still a 400 first).
/// </remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresIfMatchAttribute : Attribute, IActionFilter
{
    public void OnActionExecuting(ActionExecutingContext context)
    {
        var (version, problem) = Preconditions.IfMatch(context.HttpContext);
        if (problem is not null)
        {
            context.Result = problem;
            return;
        }

        context.HttpContext.Features.Set(new IfMatchVersion(version));
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}

/// <summary>The version an <c>If-Match</c> named, set by <see cref="RequiresIfMatchAttribute"/> for the action.</summary>
public sealed record IfMatchVersion(uint Version);

/// <summary>
/// Entity tags are the row's version (PostgreSQL <c>xmin</c>) as a strong tag, <c>"12345"</c>. A write names the
/// version it read with <c>If-Match</c>; the service compares it with the row and refuses a stale one, so no edit
/// through the API overwrites another unseen.
/// </summary>
public static class Preconditions
{
    public static string Format(uint version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version in <c>If-Match</c>, or the problem to answer: 428 when it is missing or <c>*</c>, 412 when it is no tag of ours.</summary>
    internal static (uint Version, IActionResult? Problem) IfMatch(HttpContext context)
    {
        var values = context.Request.Headers.IfMatch;
        if (values.Count == 0 || string.IsNullOrWhiteSpace(values.ToString()) || values.ToString().Trim() == "*")
        {
            return (0, ApiProblems.ToActionResult(ApiProblems.Create(context, StatusCodes.Status428PreconditionRequired, "precondition-required", "Precondition required.",
                "Send 'If-Match' with the ETag you read (GET the resource first); '*' is not accepted.")));
        }

        if (EntityTagHeaderValue.TryParseList(values, out var tags) && tags is [{ IsWeak: false } tag]
            && uint.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return (version, null);
        }

        return (0, ApiProblems.ToActionResult(ApiProblems.Create(context, StatusCodes.Status412PreconditionFailed, Error.StaleVersionCode, "Precondition failed.",
            "'If-Match' must be the one strong ETag of the resource as last read.")));
    }

    /// <summary>True when <c>If-None-Match</c> names this tag (or <c>*</c>), so a GET can answer 304.</summary>
    public static bool NoneMatch(HttpContext context, string etag) =>
        EntityTagHeaderValue.TryParseList(context.Request.Headers.IfNoneMatch, out var tags)
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
}
