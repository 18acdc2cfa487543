using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WsisTracker.IntegrationTests.Infrastructure;
using static WsisTracker.IntegrationTests.Api.CommitmentWritesApiTests;

namespace WsisTracker.IntegrationTests.Api;

[Collection(AppCollection.Name)]
public sealed class ApiKeyTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task CommandLine_CreatesAKeyShownOnce_StoresOnlyItsHash_ListsAndRevokesIt()
    {
        var name = $"cli-{Guid.NewGuid():N}"[..24];

        var (createCode, createOut, createErr) = await RunAsync("api-keys", "create", "--name", name, "--role", "Administrator");
        Assert.True(createCode == 0, createErr);
        var key = createOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        Assert.StartsWith("wsis_", key, StringComparison.Ordinal);
        Assert.True(key.Length >= 40);

        var stored = await app.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Name == name));
        Assert.NotEqual(key, stored.KeyHash);
        Assert.Equal(Core.ApiKeys.ApiKeyService.Hash(key), stored.KeyHash);
        Assert.Null(stored.LastUsedAt);

        using var writer = app.CreateClientWithKey(key);
        using var created = await SendAsync(writer, HttpMethod.Post, "/api/v1/stakeholders", JsonSerializer.Serialize(new { name = $"By {name}", group = "civilSociety" }), "application/json", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull((await app.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Name == name))).LastUsedAt);

        var (_, listOut, _) = await RunAsync("api-keys", "list");
        Assert.Contains(listOut.Split('\n'), line => line.StartsWith(name + "\tAdministrator\t", StringComparison.Ordinal) && line.TrimEnd().EndsWith("active", StringComparison.Ordinal));

        var (revokeCode, _, revokeErr) = await RunAsync("api-keys", "revoke", "--name", name);
        Assert.True(revokeCode == 0, revokeErr);
        using var refused = await SendAsync(writer, HttpMethod.Post, "/api/v1/stakeholders", JsonSerializer.Serialize(new { name = $"Again {name}", group = "civilSociety" }), "application/json", null);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        await AssertProblemAsync(refused, "api-key-invalid");
        Assert.Equal("Bearer realm=\"wsis-tracker\"", refused.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("--name", "bad name!", "--role", "Administrator")]
    [InlineData("--name", "fine-name", "--role", "Owner")]
    public async Task CommandLine_BadNameOrRole_FailsAndSaysWhy(params string[] options)
    {
        var (code, output, error) = await RunAsync(["api-keys", "create", .. options]);

        Assert.Equal(2, code);
        Assert.DoesNotContain("wsis_", output, StringComparison.Ordinal);
        Assert.Contains("Usage: api-keys", error, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WsisTracker.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__WsisTracker"] = app.ConnectionString;
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
