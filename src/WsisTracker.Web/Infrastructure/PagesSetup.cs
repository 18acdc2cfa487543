using WsisTracker.Core.Dashboard;
using WsisTracker.Core.Feeds;
using WsisTracker.Core.Search;

namespace WsisTracker.Web.Infrastructure;

/// <summary>Services of the public pages (dashboard, search, feeds).</summary>
public static class PagesSetup
{
    public static IServiceCollection AddWsisTrackerPages(this IServiceCollection services)
    {
        services.AddScoped<DashboardService>();
        services.AddScoped<SearchService>();
        services.AddScoped<FeedService>();
        return services;
    }
}
