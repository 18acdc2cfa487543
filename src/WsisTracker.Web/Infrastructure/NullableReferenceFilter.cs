using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// Writes each property that refers to another schema (an enum, a nested object) as exactly what the API sends,
/// from the property's declared nullability (decision 041). Swashbuckle wraps every such reference in <c>allOf</c>
/// with <c>nullable</c>, which is wrong both ways: OpenAPI 3.0.3 applies <c>nullable</c> only beside a <c>type</c>,
/// so a strict validator refuses the nulls the API sends, and a generator types a property with a <c>type</c> beside
/// the reference as a plain string. A non-nullable reference becomes <c>allOf: [$ref]</c> (room for its description);
/// a nullable one <c>oneOf: [$ref, {type, nullable: true, enum: [null]}]</c>, which admits null under strict 3.0
/// semantics and which NSwag turns into a nullable enum or class.
/// </summary>
public sealed class NullableReferenceFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        // NullabilityInfoContext caches without a lock: one per call, as two hosts (or two requests for the document)
        // generating at once corrupted a shared one ("An item with the same key has already been added", a 500).
        var nullability = new NullabilityInfoContext();
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties } || context.Type.IsEnum || context.Type.IsPrimitive)
        {
            return;
        }

        foreach (var member in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = member.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(member.Name);
            if (!properties.TryGetValue(name, out var property))
            {
                continue;
            }

            var (reference, description) = property switch
            {
                OpenApiSchemaReference direct => (direct, null),
                OpenApiSchema { AllOf: [OpenApiSchemaReference wrapped] } wrapper => (wrapped, wrapper.Description),
                OpenApiSchema { OneOf: [OpenApiSchemaReference wrapped, ..] } wrapper => (wrapped, wrapper.Description),
                _ => ((OpenApiSchemaReference?)null, (string?)null),
            };
            if (reference is null)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(member.PropertyType) ?? member.PropertyType;
            var nullable = Nullable.GetUnderlyingType(member.PropertyType) is not null
                || (!member.PropertyType.IsValueType && nullability.Create(member).ReadState == NullabilityState.Nullable);
            properties[name] = nullable
                ? new OpenApiSchema
                {
                    Description = description,
                    OneOf = [reference, new OpenApiSchema { Type = (type.IsEnum ? JsonSchemaType.String : JsonSchemaType.Object) | JsonSchemaType.Null, Enum = [null!] }],
                }
                : new OpenApiSchema { Description = description, AllOf = [reference] };
        }
    }
}
