using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Stakeholders;
using WsisTracker.IntegrationTests.Infrastructure;
using static WsisTracker.IntegrationTests.Api.CommitmentWritesApiTests;

namespace WsisTracker.IntegrationTests.Api;

/// <summary>
/// Progress reports through the API (decision 082): a Contributor key drafts, revises and submits its stakeholder's
/// reports, a Secretariat key returns, rejects and approves them, and neither can act outside its part.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ReportsApiTests(WsisTrackerFactory app)
{
    private static string Report(string narrative, int percent = 30) =>
        JsonSerializer.Serialize(new { status = "onTrack", progressPercent = percent, narrative, evidenceLinks = new[] { "https://example.org/evidence" }, asOf = "2026-06-30", countries = new[] { "KEN" } });

    private async Task<(StakeholderModel Stakeholder, int CommitmentId, HttpClient Contributor)> ArrangeAsync()
    {
        var stakeholder = await app.CreateStakeholderAsync();
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("integration-tests", ActorKind.System);
        var created = await scope.ServiceProvider.GetRequiredService<CommitmentWrites>().CreateAsync(
            new CommitmentInput($"Reported {Guid.NewGuid():N}", "Reported through the API.", [new ParagraphKey("a-res-80-173", 99)], ["C4"], [stakeholder.Slug], [], null, null, null, []),
            CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return (stakeholder, created.Value!.Id, app.CreateClientWithKey(await app.CreateContributorKeyAsync(stakeholder.Slug)));
    }

    private static async Task<(JsonElement Body, string ETag)> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), response.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task ContributorDraftsRevisesSubmits_ReviewerReturnsThenApproves_TheUpdateIsTheOrganisations()
    {
        var (stakeholder, commitmentId, contributor) = await ArrangeAsync();
        using var owned = contributor;
        using var reviewer = await app.CreateWriterAsync();
        var idempotencyKey = Guid.NewGuid().ToString();

        var (draft, etag) = await ReadAsync(await SendAsync(contributor, HttpMethod.Post, $"/api/v1/commitments/{commitmentId}/reports", Report("First draft"), "application/json", null, idempotencyKey), HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetInt32();
        Assert.Equal("draft", draft.GetProperty("state").GetString());
        using var replay = await SendAsync(contributor, HttpMethod.Post, $"/api/v1/commitments/{commitmentId}/reports", Report("First draft"), "application/json", null, idempotencyKey);
        Assert.Equal(id, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());

        var drafts = await contributor.GetFromJsonAsync<JsonElement>("/api/v1/reports?state=draft");
        Assert.Contains(drafts.EnumerateArray(), r => r.GetProperty("id").GetInt32() == id);
        using var noIfMatch = await SendAsync(contributor, HttpMethod.Put, $"/api/v1/reports/{id}", Report("Revised"), "application/json", null);
        Assert.Equal((HttpStatusCode)428, noIfMatch.StatusCode);
        (_, etag) = await ReadAsync(await SendAsync(contributor, HttpMethod.Put, $"/api/v1/reports/{id}", Report("Revised"), "application/json", etag), HttpStatusCode.OK);
        var (submitted, submittedETag) = await ReadAsync(await SendAsync(contributor, HttpMethod.Post, $"/api/v1/reports/{id}/submit", null, null, etag), HttpStatusCode.OK);
        Assert.Equal("submitted", submitted.GetProperty("state").GetString());

        using var ownApproval = await SendAsync(contributor, HttpMethod.Post, $"/api/v1/reports/{id}/approve", null, null, submittedETag);
        Assert.Equal(HttpStatusCode.Forbidden, ownApproval.StatusCode);
        var queue = await reviewer.GetFromJsonAsync<JsonElement>("/api/v1/reports?state=submitted");
        Assert.Contains(queue.EnumerateArray(), r => r.GetProperty("id").GetInt32() == id);
        using var noComment = await SendAsync(reviewer, HttpMethod.Post, $"/api/v1/reports/{id}/return", "{}", "application/json", submittedETag);
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        var (returned, returnedETag) = await ReadAsync(await SendAsync(reviewer, HttpMethod.Post, $"/api/v1/reports/{id}/return", """{"comment":"Add the evaluation."}""", "application/json", submittedETag), HttpStatusCode.OK);
        Assert.Equal("returned", returned.GetProperty("state").GetString());
        Assert.Equal("Add the evaluation.", returned.GetProperty("reviewComment").GetString());

        (_, etag) = await ReadAsync(await SendAsync(contributor, HttpMethod.Put, $"/api/v1/reports/{id}", Report("Revised with the evaluation", 40), "application/json", returnedETag), HttpStatusCode.OK);
        (_, etag) = await ReadAsync(await SendAsync(contributor, HttpMethod.Post, $"/api/v1/reports/{id}/submit", null, null, etag), HttpStatusCode.OK);
        using var stale = await SendAsync(reviewer, HttpMethod.Post, $"/api/v1/reports/{id}/approve", null, null, submittedETag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var (approved, _) = await ReadAsync(await SendAsync(reviewer, HttpMethod.Post, $"/api/v1/reports/{id}/approve", null, null, etag), HttpStatusCode.OK);
        Assert.Equal("approved", approved.GetProperty("state").GetString());

        using var anonymous = app.CreateClient();
        var history = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/commitments/{commitmentId}/progress");
        var update = history.EnumerateArray().Single();
        Assert.Equal(stakeholder.Name, update.GetProperty("author").GetString());
        Assert.Equal(40, update.GetProperty("progressPercent").GetInt32());
    }

    [Fact]
    public async Task ReviewerRejectsWithAReason_AndTheReportIsFinal()
    {
        var (_, commitmentId, contributor) = await ArrangeAsync();
        using var owned = contributor;
        using var reviewer = await app.CreateWriterAsync();
        var (draft, etag) = await ReadAsync(await SendAsync(contributor, HttpMethod.Post, $"/api/v1/commitments/{commitmentId}/reports", Report("To reject"), "application/json", null), HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetInt32();
        (_, etag) = await ReadAsync(await SendAsync(contributor, HttpMethod.Post, $"/api/v1/reports/{id}/submit", null, null, etag), HttpStatusCode.OK);

        var (rejected, rejectedETag) = await ReadAsync(await SendAsync(reviewer, HttpMethod.Post, $"/api/v1/reports/{id}/reject", """{"comment":"Not this commitment's work."}""", "application/json", etag), HttpStatusCode.OK);

        Assert.Equal("rejected", rejected.GetProperty("state").GetString());
        using var revise = await SendAsync(contributor, HttpMethod.Put, $"/api/v1/reports/{id}", Report("Again"), "application/json", rejectedETag);
        Assert.Equal(HttpStatusCode.Conflict, revise.StatusCode);
    }

    [Fact]
    public async Task AnotherStakeholdersKey_FindsNeitherTheCommitmentNorTheReport_AndNoContributorKeyRecordsProgress()
    {
        var (_, commitmentId, contributor) = await ArrangeAsync();
        using var owned = contributor;
        var (draft, etag) = await ReadAsync(await SendAsync(contributor, HttpMethod.Post, $"/api/v1/commitments/{commitmentId}/reports", Report("Mine"), "application/json", null), HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetInt32();
        using var other = app.CreateClientWithKey(await app.CreateContributorKeyAsync((await app.CreateStakeholderAsync()).Slug));

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/reports/{id}")).StatusCode);
        Assert.DoesNotContain((await other.GetFromJsonAsync<JsonElement>("/api/v1/reports")).EnumerateArray(), r => r.GetProperty("id").GetInt32() == id);
        using var create = await SendAsync(other, HttpMethod.Post, $"/api/v1/commitments/{commitmentId}/reports", Report("Not mine"), "application/json", null);
        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        using var revise = await SendAsync(other, HttpMethod.Put, $"/api/v1/reports/{id}", Report("Not mine"), "application/json", etag);
        Assert.Equal(HttpStatusCode.NotFound, revise.StatusCode);
        using var submit = await SendAsync(other, HttpMethod.Post, $"/api/v1/reports/{id}/submit", null, null, etag);
        Assert.Equal(HttpStatusCode.NotFound, submit.StatusCode);

        var commitmentETag = await app.ETagOfAsync($"/api/v1/commitments/{commitmentId}");
        using var progress = await SendAsync(contributor, HttpMethod.Post, $"/api/v1/commitments/{commitmentId}/progress", """{"status":"onTrack","asOf":"2026-01-01"}""", "application/json", commitmentETag);
        Assert.Equal(HttpStatusCode.Forbidden, progress.StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Empty((await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/commitments/{commitmentId}/progress")).EnumerateArray());
    }
}
