using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Indicators;

namespace WsisTracker.IntegrationTests.Infrastructure;

public partial class WsisTrackerFactory
{
    /// <summary>Imports a small series (Kenya and France, 2020 and 2021) through <see cref="IndicatorService.ImportAsync"/>; returns its code.</summary>
    public async Task<string> ImportIndicatorAsync(string name, string attribution = "Test fixture.", string suffix = "")
    {
        var code = ($"TEST.{Guid.NewGuid():N}"[..20] + suffix).ToUpperInvariant();
        var csv = "\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",\"2020\",\"2021\",\n"
            + $"\"Kenya\",\"KEN\",\"{name}\",\"{code}\",\"21.5\",\"29.5\",\n"
            + $"\"France\",\"FRA\",\"{name}\",\"{code}\",\"84.8\",\"86.1\",\n";
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("integration test", ActorKind.System);
        var imported = await scope.ServiceProvider.GetRequiredService<IndicatorService>().ImportAsync(new StringReader(csv), attribution, store: true, CancellationToken.None);
        Assert.True(imported.Stored, string.Join("; ", imported.Problems.Select(p => p.Message)));
        return code;
    }
}
