using System.Globalization;
using System.Text.Json;

namespace WsisTracker.IntegrationTests.Infrastructure;

/// <summary>
/// The app's OpenAPI document and a small validator of JSON values against its schemas (OpenAPI 3.0: <c>$ref</c>,
/// <c>allOf</c>/<c>oneOf</c>/<c>anyOf</c>, <c>type</c>, <c>nullable</c>, <c>enum</c>, <c>required</c>, <c>properties</c>,
/// <c>items</c>, <c>additionalProperties</c>, <c>format</c> date and date-time). Stricter than JSON Schema in one way:
/// an object may carry only the properties its schema lists, unless it allows additional properties.
/// </summary>
public sealed class OpenApiContract(JsonElement document)
{
    public JsonElement Document { get; } = document;

    public static async Task<OpenApiContract> LoadAsync(WsisTrackerFactory app)
    {
        using var client = app.CreateClient();
        var json = await client.GetStringAsync("/swagger/v1/swagger.json");
        return new OpenApiContract(JsonDocument.Parse(json).RootElement.Clone());
    }

    /// <summary>Checks a real response against what the document says the operation answers with that status.</summary>
    public async Task AssertConformsAsync(HttpResponseMessage response, string pathTemplate, string method)
    {
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var operation = Document.GetProperty("paths").GetProperty(pathTemplate).GetProperty(method.ToLowerInvariant());
        Assert.True(operation.GetProperty("responses").TryGetProperty(status, out var documented), $"{method} {pathTemplate} answered {status}, which the document does not list.");
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null)
        {
            return;
        }

        var media = documented.TryGetProperty("content", out var content) && content.TryGetProperty(mediaType, out var found) ? found : default;
        Assert.True(media.ValueKind == JsonValueKind.Object, $"{method} {pathTemplate} {status} answered {mediaType}, which the document does not list.");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var errors = new List<string>();
        Check(media.GetProperty("schema"), body, "$", errors);
        Assert.True(errors.Count == 0, $"{method} {pathTemplate} {status} does not conform:\n" + string.Join('\n', errors.Take(20)));
    }

    public IReadOnlyList<string> Validate(JsonElement value, string schemaName)
    {
        var errors = new List<string>();
        Check(Document.GetProperty("components").GetProperty("schemas").GetProperty(schemaName), value, "$", errors);
        return errors;
    }

    private JsonElement Resolve(string reference)
    {
        var node = Document;
        foreach (var part in reference.TrimStart('#', '/').Split('/'))
        {
            node = node.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return node;
    }

    private void Check(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.Null && schema.TryGetProperty("nullable", out var nullableHere) && nullableHere.GetBoolean())
        {
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(Resolve(reference.GetString()!), value, at, errors);
            return;
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                Check(part, value, at, errors);
            }
        }

        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(keyword, out var choices) && !choices.EnumerateArray().Any(choice => Passes(choice, value, at)))
            {
                errors.Add($"{at}: matches none of {keyword}");
            }
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            var nullable = schema.TryGetProperty("nullable", out var n) && n.GetBoolean();
            if (!nullable && schema.TryGetProperty("type", out _))
            {
                errors.Add($"{at}: null, but the schema is not nullable");
            }

            return;
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.ToString() == value.ToString()))
        {
            errors.Add($"{at}: '{value}' is not one of the enum values");
        }

        if (!schema.TryGetProperty("type", out var typeElement))
        {
            return;
        }

        var type = typeElement.GetString();
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        switch (type)
        {
            case "string" when value.ValueKind == JsonValueKind.String:
                var text = value.GetString()!;
                if (format == "date" && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    errors.Add($"{at}: '{text}' is not a date");
                }

                if (format == "date-time" && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    errors.Add($"{at}: '{text}' is not a date-time");
                }

                break;
            case "integer" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _):
            case "number" when value.ValueKind == JsonValueKind.Number:
            case "boolean" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                break;
            case "array" when value.ValueKind == JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(schema.GetProperty("items"), item, $"{at}[{i++}]", errors);
                }

                break;
            case "object" when value.ValueKind == JsonValueKind.Object:
                CheckObject(schema, value, at, errors);
                break;
            default:
                errors.Add($"{at}: {value.ValueKind} where the schema says {type}");
                break;
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(name => !value.TryGetProperty(name, out _)))
            {
                errors.Add($"{at}: required property '{name}' is missing");
            }
        }

        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(propertySchema, property.Value, $"{at}.{property.Name}", errors);
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(additional, property.Value, $"{at}.{property.Name}", errors);
            }
            else if (additional.ValueKind != JsonValueKind.True && properties.ValueKind == JsonValueKind.Object)
            {
                errors.Add($"{at}: property '{property.Name}' is not in the schema");
            }
        }
    }

    private bool Passes(JsonElement schema, JsonElement value, string at)
    {
        var errors = new List<string>();
        Check(schema, value, at, errors);
        return errors.Count == 0;
    }
}
