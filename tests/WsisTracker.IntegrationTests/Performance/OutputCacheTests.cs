using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Caching;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Performance;

/// <summary>
/// The anonymous dashboard, reader, list and search pages and the API's list are rendered once per read-cache generation: the next anonymous request
/// is answered without touching the database, a save on this instance shows at once, and a signed-in user always gets
/// a page rendered for them.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class OutputCacheTests(WsisTrackerFactory app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/resolutions/a-res-70-125")]
    [InlineData("/commitments?q=internet")]
    [InlineData("/search?q=internet+governance")]
    [InlineData("/api/v1/commitments?limit=5")]
    [InlineData("/api/v1/commitments?limit=5&q=internet")]
    public async Task AnonymousPage_IsServedFromTheOutputCache_UntilTheNextSave(string url)
    {
        using var client = app.CreateClient();
        app.Services.GetRequiredService<ReadCache>().Invalidate();
        var first = await client.GetStringAsync(url);

        app.SqlCommands.Reset();
        var second = await client.GetStringAsync(url);

        Assert.Equal(first, second);
        Assert.Equal(0, app.SqlCommands.Count);

        app.Services.GetRequiredService<ReadCache>().Invalidate();
        app.SqlCommands.Reset();
        await client.GetStringAsync(url);
        Assert.True(app.SqlCommands.Count > 0, $"{url} was served from the output cache after a new generation started");
    }

    [Fact]
    public async Task ProgressRecordedOnThisInstance_ShowsOnTheCachedDashboardPage_AtOnce()
    {
        using var anonymous = app.CreateClient();
        var title = $"Output cache {Guid.NewGuid():N}";
        var commitment = await app.CreateCommitmentAsync(title);
        Assert.DoesNotContain(title, await anonymous.GetStringAsync("/"), StringComparison.Ordinal);

        using var writer = await app.CreateWriterAsync();
        using var written = await WsisTrackerFactory.RecordProgressAsync(writer, commitment.Id, commitment.Version,
            new { status = "onTrack", progressPercent = 45, asOf = DateTime.UtcNow.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);

        // "Recently updated" names the commitment by its title.
        Assert.Contains(title, await anonymous.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CachedApiList_AnswersEachClientInTheFormatItAsked_AndShowsANewCommitmentAtOnce()
    {
        using var anonymous = app.CreateClient();
        const string url = "/api/v1/commitments?sort=-createdAt&limit=3";
        var json = await anonymous.GetStringAsync(url);
        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, url);
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        using var csv = await anonymous.SendAsync(csvRequest);

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("{", json, StringComparison.Ordinal);
        Assert.StartsWith("{", await anonymous.GetStringAsync(url), StringComparison.Ordinal);

        var title = $"Cached list {Guid.NewGuid():N}";
        await app.CreateCommitmentAsync(title);
        Assert.Contains(title, await anonymous.GetStringAsync(url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiList_WithAKey_IsNeverServedFromTheOutputCache()
    {
        const string url = "/api/v1/commitments?limit=2";
        using var anonymous = app.CreateClient();
        await anonymous.GetAsync(url);
        using (var cached = await anonymous.GetAsync(url))
        {
            // The output cache says a response came from it by its Age header.
            Assert.True(cached.Headers.Age.HasValue, "the anonymous list was not served from the output cache");
        }

        using var writer = await app.CreateWriterAsync();
        await writer.GetAsync(url);
        using var keyed = await writer.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.False(keyed.Headers.Age.HasValue, "a request with a key was answered from the anonymous cache");
    }

    [Fact]
    public async Task ARequestWithAStaffCookie_IsNeverAnsweredFromTheCache_EvenBeforeItsCookieIsRead()
    {
        // The output cache runs before authentication: it goes by the cookie's presence, not by who it names.
        using var anonymous = app.CreateClient();
        await anonymous.GetAsync("/");
        using (var cached = await anonymous.GetAsync("/"))
        {
            Assert.True(cached.Headers.Age.HasValue, "the anonymous dashboard was not served from the output cache");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", "wsis.staff=expired-or-forged");
        using var withCookie = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.False(withCookie.Headers.Age.HasValue, "a request with a staff cookie was answered from the anonymous cache");
    }

    [Fact]
    public async Task SignedInStaff_GetTheirOwnPage_NotTheCachedAnonymousOne()
    {
        using var anonymous = app.CreateClient();
        var cached = await anonymous.GetStringAsync("/");
        Assert.DoesNotContain("Sign out", cached, StringComparison.Ordinal);

        using var staff = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var page = await staff.Http.GetStringAsync("/");

        Assert.Contains("Sign out", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/workspace\"", page, StringComparison.Ordinal);
    }
}
