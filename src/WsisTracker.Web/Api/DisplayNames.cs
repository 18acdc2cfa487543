using System.Globalization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using WsisTracker.Core.ActionLines;
using WsisTracker.Core.Dashboard;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Api;

/// <summary>
/// Marks an action whose response carries display names (action-line titles): they are in the best of the request's
/// <c>Accept-Language</c> among the six UN languages, English when none matches, and <c>Content-Language</c> says which
/// (decision 128). Codes, enum values and stored texts stay as they are; <see cref="ApiOperationFilter"/> documents both
/// headers for the actions marked.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DisplayNamesAttribute : ActionFilterAttribute
{
    public override async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var http = context.HttpContext;
        var language = Cultures.Preferred(http.Request) ?? Cultures.English;
        http.Response.Headers.ContentLanguage = language;
        http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
        // The action's localizer reads the UI culture; what the action awaits inherits it, the caller does not.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        await next();
    }
}

/// <summary>The display names of the API's read models in the UI culture <see cref="DisplayNamesAttribute"/> chose.</summary>
public sealed class DisplayNames(IStringLocalizer<SharedResource> localizer)
{
    public string Title(string english)
    {
        var found = localizer[english];
        return found.ResourceNotFound ? english : found.Value;
    }

    public ActionLineModel Of(ActionLineModel line) =>
        line with { Title = Title(line.Title), SubLines = [.. line.SubLines.Select(Of)] };

    public DashboardModel Of(DashboardModel dashboard) =>
        dashboard with { ActionLines = [.. dashboard.ActionLines.Select(l => l with { Title = Title(l.Title) })] };
}
