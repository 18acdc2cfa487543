using System.Net;
using System.Net.Http.Json;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.ApiKeys;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Security;

/// <summary>
/// Authentication events, authorisation failures and rejected input reach the log, and no secret does: neither a
/// password typed at sign-in nor an API key, valid or not.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SecurityLoggingTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task FailedSignIn_IsLoggedWithTheEmail_NeverThePassword()
    {
        var email = $"intruder-{Guid.NewGuid():N}@example.org";
        var password = $"Secret-{Guid.NewGuid():N}";
        using var client = app.CreatePageClient();

        using var response = await client.TrySignInAsync(email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(app.Logs.Lines, line => line.Contains("sign-in failed", StringComparison.Ordinal) && line.Contains(email, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownApiKey_IsLoggedAsRefused_WithoutTheKey()
    {
        var key = $"wsis_{Guid.NewGuid():N}{Guid.NewGuid():N}";
        using var client = app.CreateClientWithKey(key);

        using var response = await client.PostAsJsonAsync("/api/v1/stakeholders", new { name = "Never stored" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var path = "/api/v1/stakeholders";
        Assert.Contains(app.Logs.Lines, line => line.Contains("API key refused", StringComparison.Ordinal) && line.Contains(path, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForbiddenApiWrite_AndRejectedApiInput_AreLogged_WithoutTheKeyOrTheValues()
    {
        var key = await app.CreateApiKeyAsync(ApiKeyRole.Secretariat);
        using var writer = app.CreateClientWithKey(key);
        var marker = $"value-{Guid.NewGuid():N}";

        using var forbidden = await writer.DeleteAsync("/api/v1/stakeholders/987654321");
        using var rejected = await writer.PostAsJsonAsync("/api/v1/commitments", new { title = marker + "\u0001", description = marker });

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains(app.Logs.Lines, line => line.Contains("forbidden for DELETE /api/v1/stakeholders/987654321", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, line => line.Contains("Rejected input for POST /api/v1/commitments", StringComparison.Ordinal) && line.Contains("title", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(key, StringComparison.Ordinal) || line.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StaffDeniedAnAdministratorPage_AndARejectedForm_AreLogged()
    {
        using var staff = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var commitment = await app.CreateCommitmentAsync();
        var page = await staff.GetPageAsync($"/workspace/commitments/{commitment.Id}");

        using var denied = await staff.Http.GetAsync("/admin/users");
        using var rejected = await staff.SubmitAsync(page, $"/workspace/commitments/{commitment.Id}/progress", new Dictionary<string, object?>
        {
            ["Status"] = "OnTrack",
            ["ProgressPercent"] = "140",
            ["AsOf"] = DateTime.UtcNow.ToString("yyyy-MM-dd"),
        });

        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Contains(app.Logs.Lines, line => line.Contains($"Access denied to {staff.Login!.Email} for GET /admin/users", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, line => line.Contains($"Rejected input for POST /workspace/commitments/{commitment.Id}/progress: ProgressPercent", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(staff.Login!.Password, StringComparison.Ordinal));
    }
}
