using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using WsisTracker.Core.Common;
using WsisTracker.Web.Api;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// Documents in OpenAPI what attributes and middleware do at run time: the bearer requirement of writes, the
/// <c>If-Match</c>/<c>If-None-Match</c>/<c>Idempotency-Key</c> headers, the <c>ETag</c>, <c>Link</c> and
/// <c>Retry-After</c> response headers, and the problem responses of authentication, preconditions and limits.
/// </summary>
public sealed class ApiOperationFilter : IOperationFilter
{
    public const string SecuritySchemeName = "bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var method = context.MethodInfo;
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        operation.Parameters ??= [];
        operation.Responses ??= [];

        if (method.GetCustomAttributes(typeof(AuthorizeAttribute), true).Length > 0)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, context.Document)] = [] }];
            AddProblem(operation, problem, StatusCodes.Status401Unauthorized, "No API key, or an unknown or revoked one (`api-key-required`, `api-key-invalid`).", wwwAuthenticate: true);
            AddProblem(operation, problem, StatusCodes.Status403Forbidden, "The key's role may not do this (`forbidden`).");
        }
        else
        {
            operation.Security = [];
        }

        if (method.GetCustomAttributes(typeof(HasETagAttribute), true).Length > 0)
        {
            operation.Parameters.Add(Header("If-None-Match", "An ETag from an earlier response: 304 when the resource has not changed since.", required: false, "\"123456\""));
            AddHeader(operation, StatusCodes.Status200OK, "ETag", "The resource's version; send it in If-Match to write, or If-None-Match to revalidate.");
        }

        if (method.GetCustomAttributes(typeof(DisplayNamesAttribute), true).Length > 0)
        {
            var languages = string.Join(", ", Cultures.Published.Select(c => c.Name));
            operation.Parameters.Add(Header("Accept-Language", $"The language of the display names (action-line titles): {languages}; English when none of these is asked for. Codes and stored texts do not change.", required: false, "fr"));
            AddHeader(operation, StatusCodes.Status200OK, "Content-Language", $"The language the display names are in ({languages}).");
        }

        if (method.GetCustomAttributes(typeof(RequiresIfMatchAttribute), true).Length > 0)
        {
            operation.Parameters.Add(Header("If-Match", "The ETag of the resource as you last read it (for progress: the commitment's ETag).", required: true, "\"123456\""));
            AddProblem(operation, problem, StatusCodes.Status412PreconditionFailed, $"The resource changed since the ETag in If-Match was read (`{Error.StaleVersionCode}`): GET it again.");
            AddProblem(operation, problem, StatusCodes.Status428PreconditionRequired, "If-Match is missing (`precondition-required`).");
        }

        if (method.GetCustomAttributes(typeof(IdempotentAttribute), true).Length > 0)
        {
            operation.Parameters.Add(Header(IdempotentAttribute.Header, "A unique key per intended request (e.g. a UUID): a retry with the same key and body gets the first response and creates nothing.", required: false, "3f2b8c1e-7d4a-4e8b-9c1f-2a6d5e4b7c90"));
            AddProblem(operation, problem, StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still in progress (`idempotency-request-in-progress`), or the change conflicts with the resource's state.");
            AddProblem(operation, problem, StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was used for a different request (`idempotency-key-reused`).");
        }

        if (context.ApiDescription.HttpMethod is "POST" or "PUT" or "PATCH" or "DELETE")
        {
            AddProblem(operation, problem, StatusCodes.Status413PayloadTooLarge, "The body is larger than the limit (`payload-too-large`).");
        }

        if (context.ApiDescription.HttpMethod is "POST" or "PUT" or "PATCH")
        {
            AddProblem(operation, problem, StatusCodes.Status415UnsupportedMediaType, "The body is not of the content type the operation consumes (`unsupported-media-type`).");
        }

        if (context.ApiDescription.RelativePath == "api/v1/commitments" && context.ApiDescription.HttpMethod == "GET")
        {
            AddHeader(operation, StatusCodes.Status200OK, "Link", "`<...>; rel=\"next\"`: the next page, when there is one.");
        }

        if (context.ApiDescription.RelativePath == "api/v1/progress-updates")
        {
            AddHeader(operation, StatusCodes.Status200OK, "Link", "`<...>; rel=\"next\"`: where to continue (always present).");
        }

        if (operation.Responses.TryGetValue("201", out var created) && created is OpenApiResponse createdResponse)
        {
            createdResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            createdResponse.Headers["Location"] = new OpenApiHeader { Description = "Where the new resource is.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            if (context.ApiDescription.RelativePath?.EndsWith("/progress", StringComparison.Ordinal) == true)
            {
                createdResponse.Headers[CommitmentsApiController.CommitmentETagHeader] = new OpenApiHeader { Description = "The commitment's new ETag, for the next If-Match.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }
            else
            {
                createdResponse.Headers["ETag"] = new OpenApiHeader { Description = "The new resource's version.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }
        }

        AddProblem(operation, problem, StatusCodes.Status429TooManyRequests, "Too many requests from this API key or address (`rate-limited`).", retryAfter: true);
        AddProblem(operation, problem, StatusCodes.Status503ServiceUnavailable, "The database cannot be reached just now (`service-unavailable`); retry after `Retry-After` seconds (an `Idempotency-Key` makes a retried POST safe).", retryAfter: true);

        // Only JSON (and CSV where a collection offers it) is part of the contract; MVC's other formatters are not.
        foreach (var (status, response) in operation.Responses.Select(r => (r.Key, r.Value)).Where(r => r.Value is OpenApiResponse).Select(r => (r.Key, (OpenApiResponse)r.Value)))
        {
            response.Content?.Remove("text/plain");
            response.Content?.Remove("text/json");
            if (response.Content?.TryGetValue(CsvOutputFormatter.MediaType, out var csv) == true && csv is OpenApiMediaType csvMedia)
            {
                var type = context.ApiDescription.SupportedResponseTypes.FirstOrDefault(r => r.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) == status)?.Type;
                var columns = CsvOutputFormatter.ColumnsFor(type);
                csvMedia.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = columns is null ? "CSV (RFC 4180)." : $"CSV (RFC 4180, UTF-8): a header row `{string.Join(',', columns)}`, then one row per item; a cell a spreadsheet would run as a formula starts with an apostrophe.",
                };
                csvMedia.Example = System.Text.Json.Nodes.JsonValue.Create(columns is null ? "" : string.Join(',', columns) + "\r\n");
            }
        }

        operation.RequestBody?.Content?.Remove("text/json");
        operation.RequestBody?.Content?.Remove("application/*+json");
    }

    private static OpenApiParameter Header(string name, string description, bool required, string example) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = required,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        Example = System.Text.Json.Nodes.JsonValue.Create(example),
    };

    private static void AddHeader(OpenApiOperation operation, int status, string name, string description)
    {
        if (operation.Responses!.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var found) && found is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }
    }

    private static void AddProblem(OpenApiOperation operation, IOpenApiSchema problem, int status, string description, bool wwwAuthenticate = false, bool retryAfter = false)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
            Headers = new Dictionary<string, IOpenApiHeader>(),
        };
        if (wwwAuthenticate)
        {
            response.Headers["WWW-Authenticate"] = new OpenApiHeader { Description = "`Bearer realm=\"wsis-tracker\"`", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }

        if (retryAfter)
        {
            response.Headers["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } };
        }

        operation.Responses[key] = response;
    }
}
