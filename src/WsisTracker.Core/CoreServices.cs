using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.ActionLines;
using WsisTracker.Core.ApiKeys;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Countries;
using WsisTracker.Core.Dashboard;
using WsisTracker.Core.Data.Seeding;
using WsisTracker.Core.Email;
using WsisTracker.Core.Feeds;
using WsisTracker.Core.Indicators;
using WsisTracker.Core.Reporting;
using WsisTracker.Core.Reports;
using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Search;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Core;

/// <summary>
/// The one place every Core feature service is registered: a new service is added here, beside its feature's others.
/// The host registers what only it has (the DbContext lease, the clock, the read cache, Identity, the API's pipeline).
/// </summary>
public static class CoreServices
{
    public static IServiceCollection AddWsisTrackerCore(this IServiceCollection services)
    {
        services.AddScoped<DatabaseSeeder>();
        services.AddScoped<DemoDataSeeder>();

        services.AddScoped<ResolutionService>();
        services.AddScoped<ParagraphSearch>();
        services.AddScoped<ResolutionImporter>();
        services.AddScoped<ActionLineService>();
        services.AddScoped<StakeholderService>();
        services.AddScoped<StakeholderWrites>();
        services.AddScoped<CountryService>();
        services.AddScoped<IndicatorService>();
        services.AddScoped<ReportingCycles>();
        services.AddScoped<CommitmentReads>();
        services.AddScoped<CommitmentReferences>();
        services.AddScoped<CommitmentWrites>();
        services.AddScoped<ProgressRecorder>();
        services.AddScoped<CommitmentCsv>();
        services.AddScoped<ChangeFeed>();
        services.AddScoped<DashboardService>();
        services.AddScoped<SearchService>();
        services.AddScoped<FeedService>();

        services.AddScoped<ContributorScope>();
        services.AddScoped<ProgressReportService>();

        services.AddScoped<ApiKeyService>();
        services.AddScoped<IdempotencyRecords>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<Invitations>();
        services.AddScoped<SignInDelays>();
        services.AddScoped<AuditLog>();
        services.AddScoped<OutboxAdmin>();
        services.AddScoped<ReminderPreferences>();
        return services;
    }
}
