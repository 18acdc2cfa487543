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
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            if (File.Exists(xml))
            {
                options.IncludeXmlComments(xml);
            }
        });
    }
}
