using System.Net;
using System.Text.Json;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Security;

/// <summary>
/// The public sees the organisation that reported a progress update, never the staff member's sign-in e-mail, which
/// stays in the staff audit (decision 044). Staff reading a commitment's public page find the way to edit it.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PublicAuthorTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task ProgressRecordedByStaff_NoPublicSurfaceShowsTheStaffEmail_TheAuditDoes()
    {
        var commitment = await app.CreateCommitmentAsync();
        using var staff = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var email = staff.Login!.Email;
        var localPart = email[..email.IndexOf('@', StringComparison.Ordinal)];
        var note = $"Recorded by staff {Guid.NewGuid():N}";
        var page = await staff.GetPageAsync($"/workspace/commitments/{commitment.Id}");
        using var recorded = await staff.SubmitAsync(page, $"/workspace/commitments/{commitment.Id}/progress", new Dictionary<string, object?>
        {
            ["Status"] = "OnTrack",
            ["ProgressPercent"] = "30",
            ["AsOf"] = DateTime.UtcNow.ToString("yyyy-MM-dd"),
            ["Note"] = note,
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

        string[] surfaces =
        [
            $"/commitments/{commitment.Id}", $"/commitments/{commitment.Id}/feed", "/feed", "/action-lines/C1/feed", "/action-lines/C1", "/",
            $"/api/v1/commitments/{commitment.Id}", $"/api/v1/commitments/{commitment.Id}/progress", "/api/v1/dashboard",
            $"/api/v1/progress-updates?since={DateTime.UtcNow.AddMinutes(-5):yyyy-MM-ddTHH:mm:ssZ}&limit=200",
            $"/search?q={Uri.EscapeDataString(note)}", $"/commitments?q={commitment.Code}", $"/commitments/export?q={commitment.Code}",
            $"/api/v1/commitments?q={commitment.Code}", "/stakeholders",
        ];
        using var anonymous = app.CreateClient();
        foreach (var url in surfaces)
        {
            using var response = await anonymous.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
            Assert.False(body.Contains(localPart, StringComparison.OrdinalIgnoreCase), $"{url} shows the staff e-mail {email}");
        }

        var detail = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{commitment.Id}");
        Assert.Equal("Secretariat", detail.GetProperty("progressHistory")[0].GetProperty("author").GetString());
        var shown = await app.GetPageAsync($"/commitments/{commitment.Id}");
        Assert.Contains("Recorded by Secretariat", shown.QuerySelector("ol.history")!.TextContent, StringComparison.Ordinal);

        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);
        using var audit = await admin.Http.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Contains(email, await audit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitmentPage_ForSignedInStaff_LinksToRecordProgressAndEdit()
    {
        var commitment = await app.CreateCommitmentAsync();
        foreach (var role in new[] { StaffRoles.Administrator, StaffRoles.Secretariat })
        {
            using var staff = await app.CreateClientAsAsync(role);

            var page = await staff.GetPageAsync($"/commitments/{commitment.Id}");

            var progress = page.QuerySelectorAll("a").SingleOrDefault(a => a.TextContent.Trim() == "Record progress");
            var edit = page.QuerySelectorAll("a").SingleOrDefault(a => a.TextContent.Trim() == "Edit");
            Assert.Equal($"/workspace/commitments/{commitment.Id}", progress?.GetAttribute("href"));
            Assert.Equal($"/workspace/commitments/{commitment.Id}/edit", edit?.GetAttribute("href"));
            await staff.GetPageAsync(progress!.GetAttribute("href")!);
            await staff.GetPageAsync(edit!.GetAttribute("href")!);
        }
    }

    [Fact]
    public async Task CommitmentPage_ForAnonymous_HasNoStaffLinks_AndIsTheSameAfterStaffReadIt()
    {
        var commitment = await app.CreateCommitmentAsync();
        using var anonymous = app.CreateClient();
        var before = await anonymous.GetStringAsync($"/commitments/{commitment.Id}");
        using var staff = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        await staff.GetPageAsync($"/commitments/{commitment.Id}");

        var after = await anonymous.GetStringAsync($"/commitments/{commitment.Id}");

        Assert.Equal(before, after);
        Assert.DoesNotContain("/workspace", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Record progress", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithCrLfInTheEmail_YieldsOneLogLine()
    {
        var marker = Guid.NewGuid().ToString("N");
        var email = $"intruder-{marker}\r\n[12:00:00 WRN] Staff sign-in succeeded for admin@example.org";
        using var client = app.CreatePageClient();

        using var response = await client.TrySignInAsync(email, "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single(app.Logs.Lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain('\r', line);
        Assert.DoesNotContain('\n', line);
        Assert.Contains($"intruder-{marker}\\r\\n[12:00:00 WRN]", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestLine_WithCrLfInThePath_IsOneLogLine()
    {
        var marker = Guid.NewGuid().ToString("N");
        using var client = app.CreateClient();

        using var response = await client.GetAsync($"/no-such-page-{marker}%0D%0A[12:00:00%20INF]%20forged");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var line = Assert.Single(app.Logs.Lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain('\r', line);
        Assert.DoesNotContain('\n', line);
    }
}
