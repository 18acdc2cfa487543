using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Stakeholders;
using WsisTracker.IntegrationTests.Infrastructure;
using static WsisTracker.IntegrationTests.Api.CommitmentWritesApiTests;

namespace WsisTracker.IntegrationTests.Countries;

/// <summary>A government stakeholder is tied to its country; one standing for several governments is collective (decision 133).</summary>
[Collection(AppCollection.Name)]
public sealed class GovernmentStakeholderTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task Api_AGovernmentWithoutACountry_IsRefused_AndACollectiveOneWithACountryToo()
    {
        using var writer = await app.CreateWriterAsync();
        var name = $"Government {Guid.NewGuid():N}";

        using var noCountry = await SendAsync(writer, HttpMethod.Post, "/api/v1/stakeholders", JsonSerializer.Serialize(new { name, group = "governments" }), "application/json", null);
        Assert.Equal(HttpStatusCode.BadRequest, noCountry.StatusCode);
        var problem = await AssertProblemAsync(noCountry, "validation");
        Assert.Contains("names its country", problem.GetProperty("errors").GetProperty("countryCode")[0].GetString(), StringComparison.Ordinal);

        using var collectiveWithCountry = await SendAsync(writer, HttpMethod.Post, "/api/v1/stakeholders",
            JsonSerializer.Serialize(new { name, group = "governments", countryCode = "KEN", isCollective = true }), "application/json", null);
        Assert.Equal(HttpStatusCode.BadRequest, collectiveWithCountry.StatusCode);
        Assert.Contains("names no country", (await AssertProblemAsync(collectiveWithCountry, "validation")).GetProperty("errors").GetProperty("countryCode")[0].GetString(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Stakeholders.AnyAsync(s => s.Name == name)));

        using var government = await SendAsync(writer, HttpMethod.Post, "/api/v1/stakeholders", JsonSerializer.Serialize(new { name, group = "governments", countryCode = "ken" }), "application/json", null);
        Assert.Equal(HttpStatusCode.Created, government.StatusCode);
        var created = JsonDocument.Parse(await government.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("KEN", created.GetProperty("countryCode").GetString());
        Assert.False(created.GetProperty("isCollective").GetBoolean());

        using var group = await SendAsync(writer, HttpMethod.Post, "/api/v1/stakeholders",
            JsonSerializer.Serialize(new { name = $"Small island States {Guid.NewGuid():N}", group = "governments", isCollective = true }), "application/json", null);
        Assert.Equal(HttpStatusCode.Created, group.StatusCode);
        var collective = JsonDocument.Parse(await group.Content.ReadAsStringAsync()).RootElement;
        Assert.True(collective.GetProperty("isCollective").GetBoolean());
        Assert.Equal(JsonValueKind.Null, collective.GetProperty("countryCode").ValueKind);
    }

    [Fact]
    public async Task Form_AGovernmentWithoutACountry_ShowsTheError_InFrench_AndSavesNothing_ThenSavesAsCollective()
    {
        var name = $"Gouvernements d'Afrique {Guid.NewGuid():N}";
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var form = await client.GetPageAsync("/fr/workspace/stakeholders/new");

        using var refused = await client.SubmitAsync(form, "/fr/workspace/stakeholders/new", new Dictionary<string, object?> { ["Name"] = name, ["Group"] = "Governments" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var errors = await PageClient.ParseAsync(refused);
        Assert.Contains("Un gouvernement nomme son pays", errors.QuerySelector("#CountryCode")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Stakeholders.AnyAsync(s => s.Name == name)));

        using var saved = await client.SubmitAsync(errors, "/fr/workspace/stakeholders/new", new Dictionary<string, object?> { ["IsCollective"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await app.WithDbAsync(db => db.Stakeholders.AsNoTracking().SingleAsync(s => s.Name == name));
        Assert.True(stored.IsCollective);
        Assert.Null(stored.CountryCode);
        var edit = await client.GetPageAsync($"/workspace/stakeholders/{stored.Id}/edit");
        Assert.True(edit.QuerySelector("#IsCollective")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task SeededMemberStates_IsCollective_AndTheDatabaseRefusesAGovernmentWithNeitherCountryNorCollective()
    {
        var memberStates = await app.WithDbAsync(db => db.Stakeholders.AsNoTracking().SingleAsync(s => s.Slug == "member-states"));
        Assert.True(memberStates.IsCollective);
        Assert.Null(memberStates.CountryCode);
        Assert.False(await app.WithDbAsync(db => db.Stakeholders.AnyAsync(s => s.Group == StakeholderGroup.Governments && !s.IsCollective && s.CountryCode == null)));

        var government = await Governments.CreateAsync(app, "BRB");
        var violation = await Assert.ThrowsAsync<PostgresException>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE stakeholders SET country_code = NULL WHERE id = {government.Id}")));
        Assert.Equal("ck_stakeholders_government_names_country", violation.ConstraintName);
    }
}
