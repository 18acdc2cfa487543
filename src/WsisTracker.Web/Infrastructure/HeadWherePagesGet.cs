using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// Every page that answers GET answers HEAD too (RFC 9110 §9.3.2: link checkers, crawlers and monitors send it); MVC's
/// <c>[HttpGet]</c> alone routes GET only. Kestrel sends a HEAD response's headers without its body. The API keeps its
/// methods as its OpenAPI document lists them.
/// </summary>
public sealed class HeadWherePagesGet : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        if (action.Controller.Attributes.OfType<ApiControllerAttribute>().Any())
        {
            return;
        }

        foreach (var selector in action.Selectors)
        {
            if (selector.ActionConstraints.OfType<HttpMethodActionConstraint>().FirstOrDefault() is not { } constraint
                || !constraint.HttpMethods.Contains(HttpMethods.Get) || constraint.HttpMethods.Contains(HttpMethods.Head))
            {
                continue;
            }

            string[] methods = [.. constraint.HttpMethods, HttpMethods.Head];
            selector.ActionConstraints.Remove(constraint);
            selector.ActionConstraints.Add(new HttpMethodActionConstraint(methods));
            for (var i = 0; i < selector.EndpointMetadata.Count; i++)
            {
                if (selector.EndpointMetadata[i] is HttpMethodMetadata metadata)
                {
                    selector.EndpointMetadata[i] = new HttpMethodMetadata(methods, metadata.AcceptCorsPreflight);
                }
            }
        }
    }
}
