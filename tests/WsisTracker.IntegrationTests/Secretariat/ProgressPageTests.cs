using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Secretariat;

[Collection(AppCollection.Name)]
public sealed class ProgressPageTests(WsisTrackerFactory app)
{
    private static readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd");

    [Fact]
    public async Task RecordProgress_ThroughTheForm_AppearsInThePublicApiAuthoredByTheSecretariat_NotTheEditor()
    {
        var commitment = await app.CreateCommitmentAsync();
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var page = await client.GetPageAsync($"/workspace/commitments/{commitment.Id}");

        using var response = await client.SubmitAsync(page, $"/workspace/commitments/{commitment.Id}/progress", new Dictionary<string, object?>
        {
            ["Status"] = "OnTrack",
            ["ProgressPercent"] = "40",
            ["Note"] = "Reported by the facilitators' meeting.",
            ["EvidenceLinks"] = "https://www.itu.int/net4/wsis/forum/\nhttps://example.org/report",
            ["AsOf"] = Today,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/workspace/commitments/{commitment.Id}", response.Headers.Location!.OriginalString);
        var api = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{commitment.Id}");
        Assert.Equal("onTrack", api.GetProperty("status").GetString());
        Assert.Equal(40, api.GetProperty("progressPercent").GetInt32());
        var latest = api.GetProperty("progressHistory")[0];
        Assert.Equal("Secretariat", latest.GetProperty("author").GetString());
        Assert.DoesNotContain(client.Login!.Email, api.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, latest.GetProperty("evidenceLinks").GetArrayLength());
        var after = await client.GetPageAsync($"/workspace/commitments/{commitment.Id}");
        Assert.Contains("Progress recorded", after.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ProgressPercent", "140", "between 0 and 100")]
    [InlineData("ProgressPercent", "lots", "not valid")]
    [InlineData("AsOf", "2026-02-31", "not valid")]
    [InlineData("EvidenceLinks", "javascript:alert(1)", "not an http(s) link")]
    public async Task RecordProgress_WithBadInput_ShowsTheMessageNextToTheFieldAndStoresNothing(string field, string value, string message)
    {
        var commitment = await app.CreateCommitmentAsync();
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var page = await client.GetPageAsync($"/workspace/commitments/{commitment.Id}");
        var values = new Dictionary<string, object?> { ["Status"] = "OnTrack", ["ProgressPercent"] = "10", ["AsOf"] = Today };
        values[field] = value;

        using var response = await client.SubmitAsync(page, $"/workspace/commitments/{commitment.Id}/progress", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await PageClient.ParseAsync(response);
        var error = result.QuerySelector($"#{field}")!.ParentElement!.QuerySelector(".field-error")!;
        Assert.Contains(message, error.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.ProgressUpdates.CountAsync(u => u.CommitmentId == commitment.Id)));
    }

    [Fact]
    public async Task RecordProgress_WithScriptInTheNote_StoresItAsTextAndShowsItEncoded()
    {
        const string note = "<script>alert('x')</script> & \"quoted\"";
        var commitment = await app.CreateCommitmentAsync();
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var page = await client.GetPageAsync($"/workspace/commitments/{commitment.Id}");

        using var response = await client.SubmitAsync(page, $"/workspace/commitments/{commitment.Id}/progress", new Dictionary<string, object?>
        {
            ["Status"] = "AtRisk",
            ["ProgressPercent"] = "5",
            ["Note"] = note,
            ["AsOf"] = Today,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(note, await app.WithDbAsync(db => db.ProgressUpdates.Where(u => u.CommitmentId == commitment.Id).Select(u => u.Note).SingleAsync()));
        using var shown = await client.Http.GetAsync($"/workspace/commitments/{commitment.Id}");
        var html = await shown.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordProgress_OnAStaleVersion_ShowsTheConflictAndCanBeReapplied()
    {
        var commitment = await app.CreateCommitmentAsync();
        using var first = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        using var second = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var firstPage = await first.GetPageAsync($"/workspace/commitments/{commitment.Id}");
        var secondPage = await second.GetPageAsync($"/workspace/commitments/{commitment.Id}");
        using var saved = await first.SubmitAsync(firstPage, $"/workspace/commitments/{commitment.Id}/progress", new Dictionary<string, object?>
        {
            ["Status"] = "OnTrack",
            ["ProgressPercent"] = "30",
            ["Note"] = "First editor",
            ["AsOf"] = Today,
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var stale = await second.SubmitAsync(secondPage, $"/workspace/commitments/{commitment.Id}/progress", new Dictionary<string, object?>
        {
            ["Status"] = "AtRisk",
            ["ProgressPercent"] = "35",
            ["Note"] = "Second editor",
            ["AsOf"] = Today,
        });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var conflict = await PageClient.ParseAsync(stale);
        var table = conflict.QuerySelector(".conflict table")!.TextContent;
        Assert.Contains("Second editor", table, StringComparison.Ordinal);
        Assert.Contains("First editor", table, StringComparison.Ordinal);
        Assert.Equal("Second editor", conflict.QuerySelector("#Note")!.TextContent);
        Assert.Equal(1, await app.WithDbAsync(db => db.ProgressUpdates.CountAsync(u => u.CommitmentId == commitment.Id)));

        using var reapplied = await second.SubmitAsync(conflict, $"/workspace/commitments/{commitment.Id}/progress");

        Assert.Equal(HttpStatusCode.Redirect, reapplied.StatusCode);
        var notes = await app.WithDbAsync(db => db.ProgressUpdates.Where(u => u.CommitmentId == commitment.Id).OrderBy(u => u.Id).Select(u => u.Note).ToListAsync());
        Assert.Equal(["First editor", "Second editor"], notes);
    }

    [Fact]
    public async Task RecordProgress_WritesAnAuditRowNamingTheEditor()
    {
        var commitment = await app.CreateCommitmentAsync();
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var page = await client.GetPageAsync($"/workspace/commitments/{commitment.Id}");

        using var response = await client.SubmitAsync(page, $"/workspace/commitments/{commitment.Id}/progress", new Dictionary<string, object?>
        {
            ["Status"] = "OnTrack",
            ["ProgressPercent"] = "20",
            ["AsOf"] = Today,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var key = $"{{\"Id\":{commitment.Id}}}";
        var entries = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Actor == client.Login!.Email).ToListAsync());
        var modified = Assert.Single(entries, e => e.EntityType == "Commitment" && e.EntityKey == key);
        Assert.Equal("Modified", modified.Action);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(modified.Before!).RootElement.GetProperty("ProgressPercent").ValueKind);
        Assert.Equal(20, JsonDocument.Parse(modified.After!).RootElement.GetProperty("ProgressPercent").GetInt32());
        Assert.Contains(entries, e => e.EntityType == "ProgressUpdate" && e.Action == "Added");

        // The row version is audited; the search vector the database derives from the text is not.
        var after = JsonDocument.Parse(modified.After!).RootElement;
        Assert.True(after.TryGetProperty("Version", out _), modified.After);
        Assert.False(after.TryGetProperty("SearchVector", out _), modified.After);
        Assert.False(JsonDocument.Parse(modified.Before!).RootElement.TryGetProperty("SearchVector", out _), modified.Before);
    }
}
