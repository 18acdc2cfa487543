using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Net.Http.Headers;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// A body must be of a content type its action consumes exactly (type and subtype; parameters such as
/// <c>charset</c> aside): <c>[Consumes("application/json")]</c> alone would also take any <c>+json</c> type, so a
/// merge patch posted where a whole document is expected would be read as one. Anything else answers 415.
/// </summary>
public sealed class ExactContentType : IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var accepts = context.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>().LastOrDefault();
        var contentType = context.HttpContext.Request.ContentType;
        if (accepts is null || accepts.ContentTypes.Count == 0 || string.IsNullOrEmpty(contentType)
            || !MediaTypeHeaderValue.TryParse(contentType, out var sent))
        {
            return;
        }

        var matches = accepts.ContentTypes.Any(accepted =>
            MediaTypeHeaderValue.TryParse(accepted, out var media) && media.MediaType.Equals(sent.MediaType, StringComparison.OrdinalIgnoreCase));
        if (!matches)
        {
            context.Result = new UnsupportedMediaTypeResult();
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
