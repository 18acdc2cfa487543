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

    public static Task<OpenApiContract> LoadAsync(WsisTrackerFactory app) => app.ContractAsync();

    /// <summary>Checks a real response against what the document says the operation answers with that status.</summary>
    public async Task AssertConformsAsync(HttpResponseMessage response, string pathTemplate, string method)
    {
        var errors = await CheckAsync(response, pathTemplate, method);
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    /// <summary>
    /// What is wrong with a response to a request for <paramref name="path"/> (a real path, matched to the document's
    /// templates): an empty list when the document describes its status, content type and body. A path or method the
    /// document does not have is the router's 404 or 405, and its body, if any, must be a problem.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckRealAsync(HttpResponseMessage response, string path, string method)
    {
        var template = FindTemplate(path);
        var status = (int)response.StatusCode;
        if (template is null || !Document.GetProperty("paths").GetProperty(template).TryGetProperty(method.ToLowerInvariant(), out _))
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            return status is 404 or 405 && (mediaType is null or "application/problem+json" || response.Content.Headers.ContentLength == 0)
                ? []
                : [$"{method} {path} is in no operation of the document, and answered {status} {mediaType}"];
        }

        return await CheckAsync(response, template, method);
    }

    private async Task<IReadOnlyList<string>> CheckAsync(HttpResponseMessage response, string pathTemplate, string method)
    {
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var label = $"{method} {pathTemplate} {status}";
        var operation = Document.GetProperty("paths").GetProperty(pathTemplate).GetProperty(method.ToLowerInvariant());
        if (!operation.GetProperty("responses").TryGetProperty(status, out var documented))
        {
            return [$"{method} {pathTemplate} answered {status}, which the document does not list."];
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var text = await response.Content.ReadAsStringAsync();
        var content = documented.TryGetProperty("content", out var c) ? c : default;
        if (mediaType is null)
        {
            return text.Length == 0 ? [] : [$"{label} has a body without a content type."];
        }

        if (content.ValueKind != JsonValueKind.Object || !content.TryGetProperty(mediaType, out var media))
        {
            return text.Length == 0 && content.ValueKind != JsonValueKind.Object ? [] : [$"{label} answered {mediaType}, which the document does not list."];
        }

        if (!media.TryGetProperty("schema", out var schema))
        {
            return [];
        }

        var errors = new List<string>();
        if (mediaType is "application/json" or "application/problem+json")
        {
            JsonElement body;
            try
            {
                body = JsonDocument.Parse(text).RootElement;
            }
            catch (JsonException e)
            {
                return [$"{label}: the body is not JSON ({e.Message})"];
            }

            Check(schema, body, "$", errors);
        }
        else
        {
            Check(schema, JsonDocument.Parse(JsonSerializer.Serialize(text)).RootElement, "$", errors);
        }

        return errors.Count == 0 ? [] : [$"{label} does not conform:", .. errors.Take(20)];
    }

    /// <summary>The document's path template a real path matches, literal segments before parameters.</summary>
    public string? FindTemplate(string path)
    {
        var segments = path.TrimEnd('/').Split('/');
        return Document.GetProperty("paths").EnumerateObject()
            .Select(p => p.Name)
            .Where(t => t.Split('/') is var parts && parts.Length == segments.Length
                && parts.Zip(segments).All(x => x.First.StartsWith('{') || string.Equals(x.First, Uri.UnescapeDataString(x.Second), StringComparison.OrdinalIgnoreCase)))
            .OrderBy(t => t.Count(ch => ch == '{'))
            .FirstOrDefault();
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

    /// <remarks>
    /// <c>nullable</c> as OpenAPI 3.0.3 defines it: it admits null only beside a <c>type</c> in the same schema, and
    /// the other keywords (a <c>$ref</c>, <c>allOf</c>, <c>enum</c>) still apply to a null, as a strict validator
    /// (Prism) applies them.
    /// </remarks>
    private void Check(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
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

        if (schema.TryGetProperty("anyOf", out var any) && !any.EnumerateArray().Any(choice => Passes(choice, value, at)))
        {
            errors.Add($"{at}: matches none of anyOf");
        }

        if (schema.TryGetProperty("oneOf", out var one) && one.EnumerateArray().Count(choice => Passes(choice, value, at)) is var matched and not 1)
        {
            errors.Add($"{at}: matches {matched} of oneOf, not exactly one");
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            var nullable = schema.TryGetProperty("nullable", out var n) && n.GetBoolean();
            if (!nullable && schema.TryGetProperty("type", out _))
            {
                errors.Add($"{at}: null, but the schema is not nullable");
            }

            if (!nullable && schema.TryGetProperty("enum", out var choices) && !choices.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Null))
            {
                errors.Add($"{at}: null is not one of the enum values");
            }

            return;
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.ValueKind == value.ValueKind && v.ToString() == value.ToString()))
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
