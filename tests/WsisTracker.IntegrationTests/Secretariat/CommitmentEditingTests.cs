using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Secretariat;

[Collection(AppCollection.Name)]
public sealed class CommitmentEditingTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task Create_WithAParagraphFoundBySearch_StoresTheCommitment()
    {
        var title = $"Broadband for schools {Guid.NewGuid():N}";
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var form = await client.GetPageAsync("/workspace/commitments/new");

        using var searched = await client.SubmitAsync(form, "/workspace/commitments/new", new Dictionary<string, object?> { ["Title"] = title, ["ParagraphQuery"] = "80/173 12" }, submit: "Intent=search");

        Assert.Equal(HttpStatusCode.OK, searched.StatusCode);
        var withResults = await PageClient.ParseAsync(searched);
        Assert.Equal(title, ((AngleSharp.Html.Dom.IHtmlInputElement)withResults.QuerySelector("#Title")!).Value);
        Assert.NotNull(withResults.QuerySelector("input[name='Paragraphs'][value='a-res-80-173:12']"));
        Assert.False(await app.WithDbAsync(db => db.Commitments.AnyAsync(c => c.Title == title)));

        using var saved = await client.SubmitAsync(withResults, "/workspace/commitments/new", new Dictionary<string, object?>
        {
            ["Description"] = "Connect every school.",
            ["Paragraphs"] = new[] { "a-res-80-173:12" },
            ["ActionLines"] = new[] { "C2", "C7.3" },
            ["LeadStakeholders"] = new[] { "itu" },
            ["PartnerStakeholders"] = new[] { "unesco" },
            ["TargetDate"] = "2030-12-31",
            ["Milestones[0].Title"] = "Survey of schools",
            ["Milestones[0].DueDate"] = "2027-01-31",
        }, submit: "Intent=save");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = int.Parse(saved.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var api = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}");
        Assert.Equal(title, api.GetProperty("title").GetString());
        Assert.Equal(12, api.GetProperty("paragraphs")[0].GetProperty("number").GetInt32());
        Assert.Equal(["C2", "C7.3"], api.GetProperty("actionLines").EnumerateArray().Select(a => a.GetProperty("code").GetString()).Order());
        Assert.Equal("Survey of schools", api.GetProperty("milestones")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Create_WithUnknownReferencesAndAnOverlongTitle_ShowsEachErrorAndStoresNothing()
    {
        var description = $"Never stored {Guid.NewGuid():N}";
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var form = await client.GetPageAsync("/workspace/commitments/new");

        using var response = await client.SubmitAsync(form, "/workspace/commitments/new", new Dictionary<string, object?>
        {
            ["Title"] = new string('x', 201),
            ["Description"] = description,
            ["Paragraphs"] = new[] { "a-res-70-125:999" },
            ["ActionLines"] = new[] { "C1" },
            ["LeadStakeholders"] = new[] { "itu" },
            ["TargetDate"] = "1999-01-01",
        }, submit: "Intent=save");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageClient.ParseAsync(response);
        Assert.Contains("At most 200 characters", page.QuerySelector("#Title")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("no operative paragraph 999", page.QuerySelector("fieldset")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("between 2000-01-01", page.QuerySelector("#TargetDate")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Commitments.AnyAsync(c => c.Description == description)));
    }

    [Fact]
    public async Task Edit_ChangesTheCommitmentAndKeepsItsHistory()
    {
        var commitment = await app.CreateCommitmentAsync();
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var form = await client.GetPageAsync($"/workspace/commitments/{commitment.Id}/edit");
        var title = $"Renamed {Guid.NewGuid():N}";

        using var response = await client.SubmitAsync(form, $"/workspace/commitments/{commitment.Id}/edit", new Dictionary<string, object?>
        {
            ["Title"] = title,
            ["LeadStakeholders"] = new[] { "unesco" },
            ["PartnerStakeholders"] = new[] { "itu" },
        }, submit: "Intent=save");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var api = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{commitment.Id}");
        Assert.Equal(title, api.GetProperty("title").GetString());
        Assert.Equal("First step", api.GetProperty("milestones")[0].GetProperty("title").GetString());
        Assert.Contains(api.GetProperty("stakeholders").EnumerateArray(), s => s.GetProperty("slug").GetString() == "unesco" && s.GetProperty("role").GetString() == "lead");
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Actor == client.Login!.Email && e.EntityType == "Commitment").SingleAsync());
        Assert.Contains(commitment.Title, audit.Before, StringComparison.Ordinal);
        Assert.Contains(title, audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_OnAStaleVersion_ShowsBothValuesAndSavesOnlyWhenReapplied()
    {
        var commitment = await app.CreateCommitmentAsync();
        using var first = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        using var second = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var firstForm = await first.GetPageAsync($"/workspace/commitments/{commitment.Id}/edit");
        var secondForm = await second.GetPageAsync($"/workspace/commitments/{commitment.Id}/edit");
        using var saved = await first.SubmitAsync(firstForm, $"/workspace/commitments/{commitment.Id}/edit", new Dictionary<string, object?> { ["Title"] = "Title by the first editor" }, submit: "Intent=save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var stale = await second.SubmitAsync(secondForm, $"/workspace/commitments/{commitment.Id}/edit", new Dictionary<string, object?> { ["Title"] = "Title by the second editor" }, submit: "Intent=save");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var conflict = await PageClient.ParseAsync(stale);
        var titleRow = conflict.QuerySelectorAll(".conflict tr").Single(r => r.QuerySelector("th")?.TextContent == "Title");
        Assert.Equal(["Title by the second editor", "Title by the first editor"], titleRow.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal("Title by the first editor", (await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{commitment.Id}")).GetProperty("title").GetString());

        using var reapplied = await second.SubmitAsync(conflict, $"/workspace/commitments/{commitment.Id}/edit", submit: "Intent=save");

        Assert.Equal(HttpStatusCode.Redirect, reapplied.StatusCode);
        Assert.Equal("Title by the second editor", (await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{commitment.Id}")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Withdraw_KeepsTheCommitmentMarkedWithdrawn()
    {
        var commitment = await app.CreateCommitmentAsync();
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var form = await client.GetPageAsync($"/workspace/commitments/{commitment.Id}/withdraw");

        using var empty = await client.SubmitAsync(form, $"/workspace/commitments/{commitment.Id}/withdraw", new Dictionary<string, object?> { ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Say why", (await PageClient.ParseAsync(empty)).QuerySelector("#Reason")!.ParentElement!.TextContent, StringComparison.Ordinal);

        using var response = await client.SubmitAsync(form, $"/workspace/commitments/{commitment.Id}/withdraw", new Dictionary<string, object?> { ["Reason"] = "Merged into another commitment." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var api = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{commitment.Id}");
        Assert.Equal(JsonValueKind.String, api.GetProperty("withdrawnAt").ValueKind);
        Assert.Equal("Merged into another commitment.", api.GetProperty("withdrawalReason").GetString());
    }

    [Fact]
    public async Task WorkspaceList_LinksToThePublicPage()
    {
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);

        var page = await client.GetPageAsync("/workspace?resolution=a-res-70-125");

        var first = page.QuerySelector("table.grid tbody tr")!;
        Assert.Matches("^/commitments/[0-9]+$", first.QuerySelectorAll("a").Single(a => a.TextContent == "Public page").GetAttribute("href")!);
    }
}
