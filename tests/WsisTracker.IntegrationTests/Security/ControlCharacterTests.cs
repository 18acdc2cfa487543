using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Security;

/// <summary>
/// A NUL (or another control character) in any input is refused before it reaches PostgreSQL, which cannot store it:
/// the scanner's payloads (<c>%00</c> in a filter) once answered 500 here.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ControlCharacterTests(WsisTrackerFactory app)
{
    [Theory]
    [InlineData("/commitments?q=internet%00")]
    [InlineData("/commitments?stakeholder=itu%00&resolution=a-res-70-125")]
    [InlineData("/commitments/export?q=%00")]
    [InlineData("/api/v1/commitments?q=%00")]
    [InlineData("/api/v1/commitments?stakeholder=%01itu")]
    [InlineData("/api/v1/dashboard?resolution=a%00")]
    [InlineData("/api/v1/progress-updates?since=%00")]
    public async Task ControlCharacterInTheUrl_AnswersAClientError(string url)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task ControlCharacterInTheDashboardFilter_IsIgnoredLikeAnyInvalidFilter()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/?resolution=%2Fe%00");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("WSIS Tracker dashboard", (await PageClient.ParseAsync(response)).QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task ControlCharacterInASearch_IsTreatedAsASpace()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/search?q=internet%00governance");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<mark>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlCharacterInAnApiBody_IsAFieldErrorAndCreatesNothing()
    {
        using var writer = await app.CreateWriterAsync();
        var title = $"nul {Guid.NewGuid():N}\u0000";

        using var response = await writer.PostAsJsonAsync("/api/v1/commitments", new
        {
            title,
            description = "A description with a NUL.",
            paragraphs = new[] { new { resolution = "a-res-80-173", number = 99 } },
            actionLines = new[] { "C4" },
            leadStakeholders = new[] { "itu" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _), problem.ToString());
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Commitments.Any(c => c.Title.StartsWith(title.Substring(0, 36))))));
    }

    [Fact]
    public async Task ControlCharacterInAFormField_IsShownNextToTheFieldAndStoresNothing()
    {
        var commitment = await app.CreateCommitmentAsync();
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var page = await client.GetPageAsync($"/workspace/commitments/{commitment.Id}");
        var updatesBefore = await app.WithDbAsync(db => Task.FromResult(db.ProgressUpdates.Count(u => u.CommitmentId == commitment.Id)));

        using var response = await client.SubmitAsync(page, $"/workspace/commitments/{commitment.Id}/progress", new Dictionary<string, object?>
        {
            ["Status"] = "OnTrack",
            ["ProgressPercent"] = "10",
            ["Note"] = "A note with a control character\u0001 inside.",
            ["AsOf"] = DateTime.UtcNow.ToString("yyyy-MM-dd"),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await PageClient.ParseAsync(response);
        Assert.Contains("control character", result.QuerySelector("#Note")!.ParentElement!.QuerySelector(".field-error")!.TextContent, StringComparison.Ordinal);

        // A NUL, which no browser sends from a text field, is refused before the form is read.
        using var nul = await client.SubmitAsync(result, $"/workspace/commitments/{commitment.Id}/progress", new Dictionary<string, object?> { ["Note"] = "A NUL\u0000." });
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Equal(updatesBefore, await app.WithDbAsync(db => Task.FromResult(db.ProgressUpdates.Count(u => u.CommitmentId == commitment.Id))));
    }
}
