using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WsisTracker.Core.ApiKeys;
using WsisTracker.Core.Auditing;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Security;

/// <summary>The audit log holds no secrets and, for the app's own database connection, only grows.</summary>
[Collection(AppCollection.Name)]
public sealed class AuditTrailTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task CreatingAnApiKey_IsAudited_WithoutItsHash()
    {
        var name = $"audited-{Guid.NewGuid():N}"[..30];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ActorContext>().Set("audit test", ActorKind.System);
            var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(name, ApiKeyRole.Secretariat, CancellationToken.None);
            Assert.True(created.Succeeded, created.Error?.Message);
        }

        var hash = await app.WithDbAsync(db => db.ApiKeys.Where(k => k.Name == name).Select(k => k.KeyHash).SingleAsync());
        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "ApiKey").Select(e => e.After).ToListAsync());
        var mine = Assert.Single(entries, e => e!.Contains(name, StringComparison.Ordinal));

        Assert.DoesNotContain(hash, mine!, StringComparison.Ordinal);
        Assert.DoesNotContain("KeyHash", mine!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET actor = 'rewritten' WHERE id = (SELECT max(id) FROM audit_entries)")]
    [InlineData("DELETE FROM audit_entries WHERE id = (SELECT max(id) FROM audit_entries)")]
    [InlineData("TRUNCATE audit_entries")]
    public async Task AuditRows_CannotBeRewrittenOrRemoved_ThroughTheAppsConnection(string sql)
    {
        await app.CreateCommitmentAsync();
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        var refused = await Assert.ThrowsAsync<PostgresException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql)));

        Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Actor == "rewritten")));
    }

    [Fact]
    public async Task AuditRows_CanStillBeAppended_ThroughTheAppsConnection()
    {
        var commitment = await app.CreateCommitmentAsync();

        var entries = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "Commitment" && e.EntityKey == $"{{\"Id\":{commitment.Id}}}"));

        Assert.True(entries > 0);
    }
}
