using System.Net;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Security;

/// <summary>An app of its own with <c>App:BaseUrl</c> set: absolute links never come from the request's Host header.</summary>
public sealed class BaseUrlFactory : WsisTrackerFactory
{
    public const string BaseUrl = "https://wsis-tracker.example.org/tracker";

    protected override IEnumerable<(string Key, string Value)> Settings() => [("App:BaseUrl", BaseUrl + "/")];
}

public sealed class BaseUrlTests(BaseUrlFactory app) : IClassFixture<BaseUrlFactory>
{
    private static readonly Uri EvilHost = new("https://evil.example");

    [Theory]
    [InlineData("/feed")]
    [InlineData("/action-lines/C4/feed")]
    public async Task Feed_RequestedWithAForeignHost_LinksOnlyToTheBaseUrl(string url)
    {
        using var client = app.CreateClient(new() { BaseAddress = EvilHost });

        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"href=\"{BaseUrlFactory.BaseUrl}{url}\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvExport_RequestedWithAForeignHost_LinksOnlyToTheBaseUrl()
    {
        using var writer = await app.CreateWriterAsync();
        var (id, _) = await app.SeedCommitmentAsync(writer, "base-url");
        using var client = app.CreateClient(new() { BaseAddress = EvilHost });

        using var response = await client.GetAsync("/commitments/export");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"{BaseUrlFactory.BaseUrl}/commitments/{id}", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithTheBaseUrlSet_LogsNoHostHeaderWarning() =>
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(Web.Infrastructure.SiteUrls.HostHeaderWarning, StringComparison.Ordinal));
}

/// <summary>The shared app runs as Production with neither <c>App:BaseUrl</c> nor <c>AllowedHosts</c> set.</summary>
[Collection(AppCollection.Name)]
public sealed class HostHeaderWarningTests(WsisTrackerFactory app)
{
    [Fact]
    public void Start_OutsideDevelopmentWithoutBaseUrlOrAllowedHosts_LogsTheHostHeaderWarning() =>
        Assert.Contains(app.Logs.Lines, line => line.Contains(Web.Infrastructure.SiteUrls.HostHeaderWarning, StringComparison.Ordinal));

    [Fact]
    public async Task Feed_WithoutBaseUrl_LinksToTheRequestsHost()
    {
        using var client = app.CreateClient();
        var body = await client.GetStringAsync("/feed");
        Assert.Contains("href=\"https://localhost/feed\"", body, StringComparison.Ordinal);
    }
}
