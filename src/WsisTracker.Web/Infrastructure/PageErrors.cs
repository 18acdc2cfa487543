using Microsoft.AspNetCore.Mvc.ModelBinding;
using WsisTracker.Core.Common;

namespace WsisTracker.Web.Infrastructure;

/// <summary>The one mapping from a service's <see cref="Error"/> onto a page form's fields, for every staff page.</summary>
public static class PageErrors
{
    /// <summary>Puts each field error next to its field (ModelState keys ignore case); other messages go to the summary.</summary>
    public static void AddErrors(this ModelStateDictionary modelState, Error error)
    {
        if (error.FieldErrors is { Count: > 0 } fields)
        {
            foreach (var (field, messages) in fields)
            {
                foreach (var message in messages)
                {
                    modelState.AddModelError(field, message);
                }
            }
        }
        else
        {
            modelState.AddModelError("", error.Message);
        }
    }
}
