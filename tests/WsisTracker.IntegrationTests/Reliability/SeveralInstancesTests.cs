using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Reliability;

/// <summary>Two app instances on one database share their Data Protection keys (cookies, antiforgery tokens).</summary>
[Collection(AppCollection.Name)]
public sealed class SeveralInstancesTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task DataProtection_PayloadProtectedByOneInstance_IsReadByAnother()
    {
        await using var second = app.WithWebHostBuilder(builder => builder.UseSetting("Database:MigrateOnStartup", "false"));
        var payload = $"sign-in ticket {Guid.NewGuid()}";

        var protectedByFirst = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect(payload);
        var readBySecond = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedByFirst);

        Assert.Equal(payload, readBySecond);
        Assert.True(await app.WithDbAsync(db => Task.FromResult(db.DataProtectionKeys.Any())), "the key ring is stored in PostgreSQL");
    }
}
