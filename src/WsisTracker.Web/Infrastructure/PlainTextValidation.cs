using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using WsisTracker.Core.Common;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// Applies <see cref="PlainText"/> to every bound string, wherever it comes from (route, query, form, JSON body, the
/// items of a list): a control character, a noncharacter or a lone surrogate becomes a model error on its field, so
/// pages show it next to the field. The domain applies the same rule to what it stores (decision 043), so a path that
/// binds no model (PATCH, CSV) meets it too; this check only puts the message where the user typed.
/// </summary>
public sealed class PlainTextValidatorProvider : IModelValidatorProvider
{
    private static readonly PlainTextValidator Validator = new();

    public void CreateValidators(ModelValidatorProviderContext context)
    {
        if (context.ModelMetadata.ModelType == typeof(string))
        {
            context.Results.Add(new ValidatorItem { Validator = Validator, IsReusable = true });
        }
    }

    private sealed class PlainTextValidator : IModelValidator
    {
        public IEnumerable<ModelValidationResult> Validate(ModelValidationContext context) =>
            context.Model is string text && !PlainText.IsValid(text) ? [new ModelValidationResult("", PlainText.Problem)] : [];
    }
}
