using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.ApiKeys;
using WsisTracker.Core.Common;
using WsisTracker.IntegrationTests.Infrastructure;
using static WsisTracker.IntegrationTests.Api.CommitmentWritesApiTests;

namespace WsisTracker.IntegrationTests.Api;

/// <summary>
/// Writes that race on a unique index or a foreign key: each ends in a success or a 409 conflict (or a conflict
/// error from the service), never in a 500 from a constraint violation.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class WriteRaceTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task ParallelCreatesOfOneStakeholderName_AllAnswer201_WithDistinctSlugs()
    {
        using var writer = await app.CreateWriterAsync();
        var name = $"Race Org {Guid.NewGuid():N}"[..24];
        var body = JsonSerializer.Serialize(new { name, group = "civilSociety" });

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SendAsync(writer, HttpMethod.Post, "/api/v1/stakeholders", body, "application/json", null)));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.All(statuses, s => Assert.Equal(201, s));
        var slugs = new List<string>();
        foreach (var response in responses)
        {
            slugs.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("slug").GetString()!);
            response.Dispose();
        }

        Assert.Equal(8, slugs.Distinct().Count());
    }

    [Fact]
    public async Task DeleteOfAStakeholder_WhileACommitmentNamesItInAnOpenTransaction_Answers409InUse()
    {
        using var admin = await app.CreateWriterAsync(ApiKeyRole.Administrator);
        var stakeholder = await app.CreateStakeholderAsync();
        var commitment = await app.CreateCommitmentAsync();
        var etag = await app.ETagOfAsync($"/api/v1/stakeholders/{stakeholder.Id}");

        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var transaction = await db.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand($"INSERT INTO commitment_stakeholders (commitment_id, stakeholder_id, role) VALUES ({commitment.Id}, {stakeholder.Id}, 'Partner')", db, transaction))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var delete = SendAsync(admin, HttpMethod.Delete, $"/api/v1/stakeholders/{stakeholder.Id}", null, null, etag);
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        await transaction.CommitAsync();
        using var response = await delete;

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await AssertProblemAsync(response, "stakeholder-in-use");
    }

    [Fact]
    public async Task ParallelApiKeysOfOneName_OneIsMade_TheOthersAreNameTakenConflicts()
    {
        var name = $"race-{Guid.NewGuid():N}"[..30];
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(name, ApiKeyRole.Secretariat, CancellationToken.None);
        }));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(("api-key-name-taken", ErrorKind.Conflict), (r.Error!.Code, r.Error!.Kind)));
    }

    [Fact]
    public async Task ParallelUsersOfOneEmail_OneIsMade_TheOthersAreToldTheAddressIsTaken()
    {
        var email = $"race-{Guid.NewGuid():N}@example.org";
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, StaffRoles.Secretariat, "a long enough passphrase 42");
        }));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains("email", r.Error!.FieldErrors!.Keys));
    }
}
