using System.Reflection;
using Microsoft.OpenApi;

namespace WsisTracker.Web.Infrastructure;

public static class SwaggerSetup
{
    public static void AddWsisTrackerSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "WSIS Tracker API",
                Version = "v1",
                Description = "Resolutions, action lines, stakeholders and commitments of the WSIS follow-up (A/RES/70/125, A/RES/80/173). Errors are RFC 9457 problem details.",
            });
            options.AddSecurityDefinition(ApiOperationFilter.SecuritySchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key made by an administrator (`api-keys create`), sent as `Authorization: Bearer <key>`. Reads need no key; writes do.",
            });
            options.OperationFilter<ApiOperationFilter>();
            options.SchemaFilter<NullableReferenceFilter>();
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.UseAllOfToExtendReferenceSchemas();
            options.DocInclusionPredicate((_, api) => api.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
            options.CustomOperationIds(api => $"{api.ActionDescriptor.RouteValues["controller"]?.Replace("Api", "", StringComparison.Ordinal)}_{api.ActionDescriptor.RouteValues["action"]}");
            options.AddServer(new OpenApiServer { Url = "/", Description = "The host that serves this document." });
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            if (File.Exists(xml))
            {
                options.IncludeXmlComments(xml, includeControllerXmlComments: true);
            }
        });
    }
}
