using Microsoft.AspNetCore.Mvc.ModelBinding;
using WsisTracker.Core.Common;

namespace WsisTracker.Web.Infrastructure;

/// <summary>The one mapping from a service's <see cref="Error"/> onto a page form's fields, for every staff page.</summary>
public static class PageErrors
{
    /// <summary>
    /// Puts each field error next to its field (ModelState keys ignore case), other messages in the summary, each in the
    /// page's culture: a Core message is looked up by its English text, one with values written into it by the key
    /// with places it fills (decision 119, <see cref="PageText.Message"/>); one with no translation yet stays English.
    /// </summary>
    public static void AddErrors(this ModelStateDictionary modelState, Error error, PageText text) => modelState.AddErrors(error, message => text.Message(message));

    private static void AddErrors(this ModelStateDictionary modelState, Error error, Func<string, string> translate)
    {
        if (error.FieldErrors is { Count: > 0 } fields)
        {
            foreach (var (field, messages) in fields)
            {
                foreach (var message in messages)
                {
                    modelState.AddModelError(field, translate(message));
                }
            }
        }
        else
        {
            modelState.AddModelError("", translate(error.Message));
        }
    }
}
