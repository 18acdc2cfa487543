using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace WsisTracker.Web.Infrastructure;

/// <summary>The model-binding messages of the pages' forms, from the shared resources (their keys are MVC's English texts).</summary>
public static class ModelBindingMessages
{
    public static void Localize(MvcOptions options, IStringLocalizerFactory factory)
    {
        var text = factory.Create(typeof(SharedResource));
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => text["The value '{0}' is not valid for {1}.", value, field]);
        messages.SetMissingBindRequiredValueAccessor(field => text["A value for the '{0}' parameter or property was not provided.", field]);
        messages.SetMissingKeyOrValueAccessor(() => text["A value is required."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => text["A non-empty request body is required."]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => text["The value '{0}' is not valid.", value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => text["The supplied value is invalid."]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => text["The field must be a number."]);
        messages.SetUnknownValueIsInvalidAccessor(field => text["The supplied value is invalid for {0}.", field]);
        messages.SetValueIsInvalidAccessor(value => text["The value '{0}' is invalid.", value]);
        messages.SetValueMustBeANumberAccessor(field => text["The field {0} must be a number.", field]);
        messages.SetValueMustNotBeNullAccessor(value => text["The value '{0}' is invalid.", value]);
    }
}
