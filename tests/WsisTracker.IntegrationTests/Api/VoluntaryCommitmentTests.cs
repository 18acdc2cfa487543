using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.ApiKeys;
using WsisTracker.IntegrationTests.Infrastructure;
using static WsisTracker.IntegrationTests.Api.CommitmentWritesApiTests;

namespace WsisTracker.IntegrationTests.Api;

/// <summary>
/// Voluntary commitments (decision 081): a Contributor key proposes one for its stakeholder; it stays out of every
/// public read until the secretariat publishes it, and is then public and marked voluntary.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class VoluntaryCommitmentTests(WsisTrackerFactory app)
{
    private static string ProposalBody(string marker, string[]? leads = null) => JsonSerializer.Serialize(new
    {
        title = $"Voluntary {marker}",
        description = $"Proposed by a contributor {marker}.",
        paragraphs = new[] { new { resolution = "a-res-80-173", number = 99 } },
        actionLines = new[] { "C4" },
        leadStakeholders = leads,
        partnerStakeholders = new[] { "unesco" },
        targetDate = "2029-12-31",
    });

    private async Task<(string Slug, HttpClient Contributor, JsonElement Proposal, string ETag)> ProposeAsync(string marker)
    {
        var stakeholder = await app.CreateStakeholderAsync();
        var contributor = app.CreateClientWithKey(await app.CreateContributorKeyAsync(stakeholder.Slug));
        using var response = await SendAsync(contributor, HttpMethod.Post, "/api/v1/commitments", ProposalBody(marker), "application/json", null, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (stakeholder.Slug, contributor, await response.Content.ReadFromJsonAsync<JsonElement>(), response.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task ContributorKey_ProposesACommitmentLedByItsStakeholder_ProposedAndVoluntary()
    {
        var marker = Guid.NewGuid().ToString("N");
        var (slug, contributor, proposal, _) = await ProposeAsync(marker);
        using (contributor)
        {
            Assert.True(proposal.GetProperty("isProposed").GetBoolean());
            Assert.True(proposal.GetProperty("isVoluntary").GetBoolean());
            var stakeholders = proposal.GetProperty("stakeholders").EnumerateArray().Select(s => (s.GetProperty("slug").GetString(), s.GetProperty("role").GetString())).ToList();
            Assert.Contains((slug, "lead"), stakeholders);
            Assert.Contains(("unesco", "partner"), stakeholders);

            using var own = await contributor.GetAsync($"/api/v1/commitments/{proposal.GetProperty("id").GetInt32()}");
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }
    }

    [Fact]
    public async Task Proposal_NamingAnotherLead_Is400AndCreatesNothing()
    {
        var stakeholder = await app.CreateStakeholderAsync();
        using var contributor = app.CreateClientWithKey(await app.CreateContributorKeyAsync(stakeholder.Slug));
        var marker = Guid.NewGuid().ToString("N");

        using var response = await SendAsync(contributor, HttpMethod.Post, "/api/v1/commitments", ProposalBody(marker, ["itu"]), "application/json", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("leadStakeholders", (await AssertProblemAsync(response, "validation")).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        using var secretariat = await app.CreateWriterAsync();
        var page = await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/commitments?q={marker}");
        Assert.Equal(0, page.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Proposal_IsInNoPublicRead_UntilPublished()
    {
        var marker = Guid.NewGuid().ToString("N");
        var (slug, contributor, proposal, _) = await ProposeAsync(marker);
        contributor.Dispose();
        var id = proposal.GetProperty("id").GetInt32();
        using var anonymous = app.CreateClient();
        using var otherContributor = app.CreateClientWithKey(await app.CreateContributorKeyAsync((await app.CreateStakeholderAsync()).Slug));

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/commitments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherContributor.GetAsync($"/api/v1/commitments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/commitments/{id}/progress")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/commitments/{id}")).StatusCode);
        Assert.Equal(0, (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/commitments?q={marker}")).GetProperty("totalCount").GetInt32());
        // The pages echo the query in their search field: the title is what must not appear.
        Assert.DoesNotContain($"Voluntary {marker}", await anonymous.GetStringAsync($"/commitments?q={marker}"), StringComparison.Ordinal);
        Assert.DoesNotContain($"Voluntary {marker}", await anonymous.GetStringAsync($"/commitments/export?q={marker}"), StringComparison.Ordinal);
        Assert.DoesNotContain($"Voluntary {marker}", await anonymous.GetStringAsync($"/search?q={marker}"), StringComparison.Ordinal);
        var stakeholderPage = await anonymous.GetStringAsync($"/stakeholders/{StakeholderId(proposal, slug)}");
        Assert.DoesNotContain(marker, stakeholderPage, StringComparison.Ordinal);
        var stakeholders = await PageClient.ParseAsync(await anonymous.GetAsync("/stakeholders"));
        var listed = stakeholders.QuerySelectorAll("li").Single(li => li.QuerySelector($"a[href='/stakeholders/{StakeholderId(proposal, slug)}']") is not null);
        Assert.Contains("0 commitments", listed.TextContent, StringComparison.Ordinal);
    }

    private static int StakeholderId(JsonElement proposal, string slug) =>
        proposal.GetProperty("stakeholders").EnumerateArray().First(s => s.GetProperty("slug").GetString() == slug).GetProperty("id").GetInt32();

    [Fact]
    public async Task ProposedCommitment_TakesNoProgress_AndAContributorKeyCannotRecordProgressAtAll()
    {
        var (_, contributor, proposal, etag) = await ProposeAsync(Guid.NewGuid().ToString("N"));
        using (contributor)
        {
            var id = proposal.GetProperty("id").GetInt32();
            var progress = JsonSerializer.Serialize(new { status = "onTrack", progressPercent = 10, asOf = "2026-01-01" });
            using var byContributor = await SendAsync(contributor, HttpMethod.Post, $"/api/v1/commitments/{id}/progress", progress, "application/json", etag);
            Assert.Equal(HttpStatusCode.Forbidden, byContributor.StatusCode);

            using var secretariat = await app.CreateWriterAsync();
            using var bySecretariat = await SendAsync(secretariat, HttpMethod.Post, $"/api/v1/commitments/{id}/progress", progress, "application/json", etag);
            Assert.Equal(HttpStatusCode.NotFound, bySecretariat.StatusCode);
            var stored = await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/commitments/{id}");
            Assert.Empty(stored.GetProperty("progressHistory").EnumerateArray());
        }
    }

    [Fact]
    public async Task SecretariatKey_Publishes_ThenItIsPublicAndMarkedVoluntaryInJsonAndCsv()
    {
        var marker = Guid.NewGuid().ToString("N");
        var (_, contributor, proposal, etag) = await ProposeAsync(marker);
        var id = proposal.GetProperty("id").GetInt32();
        using (contributor)
        {
            using var byContributor = await SendAsync(contributor, HttpMethod.Post, $"/api/v1/commitments/{id}/publish", null, null, etag);
            Assert.Equal(HttpStatusCode.Forbidden, byContributor.StatusCode);
        }

        using var secretariat = await app.CreateWriterAsync();
        using var withoutIfMatch = await SendAsync(secretariat, HttpMethod.Post, $"/api/v1/commitments/{id}/publish", null, null, null);
        Assert.Equal((HttpStatusCode)428, withoutIfMatch.StatusCode);
        using var published = await SendAsync(secretariat, HttpMethod.Post, $"/api/v1/commitments/{id}/publish", null, null, etag);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        using var again = await SendAsync(secretariat, HttpMethod.Post, $"/api/v1/commitments/{id}/publish", null, null, published.Headers.ETag!.ToString());
        await AssertProblemAsync(again, "commitment-not-proposed");

        using var anonymous = app.CreateClient();
        var detail = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/commitments/{id}");
        Assert.True(detail.GetProperty("isVoluntary").GetBoolean());
        Assert.False(detail.GetProperty("isProposed").GetBoolean());
        var list = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/commitments?q={marker}");
        Assert.True(list.GetProperty("items").EnumerateArray().Single().GetProperty("isVoluntary").GetBoolean());

        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/commitments?q={marker}");
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        var csvText = await (await anonymous.SendAsync(csvRequest)).Content.ReadAsStringAsync();
        Assert.Equal("true", Column(csvText, "isVoluntary"));
        var export = await anonymous.GetStringAsync($"/commitments/export?q={marker}");
        Assert.Equal("yes", Column(export, "voluntary"));
        var page = await PageClient.ParseAsync(await anonymous.GetAsync($"/commitments/{id}"));
        Assert.Contains("Voluntary commitment", page.QuerySelector(".voluntary-note")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("voluntary", (await PageClient.ParseAsync(await anonymous.GetAsync($"/commitments?q={marker}"))).QuerySelector("table .tag")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secretariat_PublishesFromTheWorkspaceCommitmentPage()
    {
        var marker = Guid.NewGuid().ToString("N");
        var (_, contributor, proposal, _) = await ProposeAsync(marker);
        contributor.Dispose();
        var id = proposal.GetProperty("id").GetInt32();
        using var editor = await app.CreateClientAsAsync(StaffRoles.Secretariat);

        var index = await editor.GetPageAsync("/workspace");
        Assert.Contains(index.QuerySelectorAll("#proposals ~ ul a, section a"), a => a.GetAttribute("href") == $"/workspace/commitments/{id}");
        var page = await editor.GetPageAsync($"/workspace/commitments/{id}");
        Assert.Null(page.QuerySelector($"form[action='/workspace/commitments/{id}/progress']"));
        // Every link the proposal's page offers leads somewhere: no public page, edit or withdrawal before publication.
        foreach (var href in page.QuerySelectorAll("main a[href^='/']").Select(a => a.GetAttribute("href")!).Distinct())
        {
            using var linked = await editor.Http.GetAsync(href);
            Assert.True(linked.StatusCode == HttpStatusCode.OK, $"{href} answered {(int)linked.StatusCode} on a proposal's page");
        }

        using var response = await editor.SubmitAsync(page, $"/workspace/commitments/{id}/publish");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/commitments/{id}")).StatusCode);
        var after = await editor.GetPageAsync($"/workspace/commitments/{id}");
        Assert.NotNull(after.QuerySelector($"form[action='/workspace/commitments/{id}/progress']"));
        Assert.NotNull(after.QuerySelector($"a[href='/workspace/commitments/{id}/edit']"));
    }

    [Fact]
    public async Task ContributorKey_NeedsAStakeholder_AndOtherRolesTakeNone()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();

        var without = await keys.CreateAsync($"c-{Guid.NewGuid():N}"[..30], ApiKeyRole.Contributor, null, CancellationToken.None);
        var unknown = await keys.CreateAsync($"c-{Guid.NewGuid():N}"[..30], ApiKeyRole.Contributor, "no-such-stakeholder", CancellationToken.None);
        var scopedSecretariat = await keys.CreateAsync($"c-{Guid.NewGuid():N}"[..30], ApiKeyRole.Secretariat, "itu", CancellationToken.None);
        var scoped = await keys.CreateAsync($"c-{Guid.NewGuid():N}"[..30], ApiKeyRole.Contributor, "itu", CancellationToken.None);

        Assert.Contains("stakeholder", without.Error!.FieldErrors!.Keys);
        Assert.Contains("stakeholder", unknown.Error!.FieldErrors!.Keys);
        Assert.Contains("stakeholder", scopedSecretariat.Error!.FieldErrors!.Keys);
        Assert.True(scoped.Succeeded);
        Assert.NotNull(scoped.Value!.ApiKey.StakeholderId);
    }

    /// <summary>The cell of the one data row of a CSV under the column named <paramref name="name"/> (readers find columns by name).</summary>
    private static string Column(string csv, string name)
    {
        var records = WsisTracker.Core.Common.Csv.Records(new StringReader(csv));
        Assert.Equal(2, records.Count);
        return records[1].Cells[Array.IndexOf(records[0].Cells, name)];
    }
}
