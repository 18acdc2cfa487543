using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// A nullable property whose schema is a reference (an enum, a nested object) is written as <c>allOf</c> of the
/// reference with <c>nullable</c>; OpenAPI 3.0 wants a <c>type</c> beside <c>nullable</c>, so this copies the
/// referenced schema's type onto the wrapper.
/// </summary>
public sealed class NullableReferenceFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemas = swaggerDoc.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
        {
            foreach (var property in schema.Properties?.Values.OfType<OpenApiSchema>() ?? [])
            {
                if (property.AllOf is [OpenApiSchemaReference { Reference.Id: { } id }]
                    && (property.Type is null || property.Type == JsonSchemaType.Null)
                    && schemas.TryGetValue(id, out var target) && target.Type is { } type)
                {
                    property.Type = type | JsonSchemaType.Null;
                }
            }
        }
    }
}
