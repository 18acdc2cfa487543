using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Stakeholders;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Countries;

/// <summary>A new government stakeholder of a country, as the country and dashboard filter tests arrange them.</summary>
public static class Governments
{
    public static async Task<StakeholderModel> CreateAsync(WsisTrackerFactory app, string iso3)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("integration-tests", ActorKind.System);
        var created = await scope.ServiceProvider.GetRequiredService<StakeholderWrites>()
            .CreateAsync(new StakeholderInput($"Government {Guid.NewGuid():N}", null, StakeholderGroup.Governments, iso3, null), CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value;
    }
}
