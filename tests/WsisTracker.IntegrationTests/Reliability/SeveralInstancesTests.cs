using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Caching;
using WsisTracker.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace WsisTracker.IntegrationTests.Reliability;

/// <summary>
/// Several app instances on one database, each with its own DI container and caches (a WithWebHostBuilder host of
/// the shared app): they share their Data Protection keys (cookies, antiforgery tokens), and each shows the others'
/// writes on its cached read models within its <see cref="ReadCache.MaxAge"/> even without the change listener.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SeveralInstancesTests(WsisTrackerFactory app, ITestOutputHelper output)
{
    [Fact]
    public async Task DataProtection_PayloadProtectedByOneInstance_IsReadByAnother()
    {
        await using var second = app.WithWebHostBuilder(builder => builder.UseSetting("Database:MigrateOnStartup", "false"));
        var payload = $"sign-in ticket {Guid.NewGuid()}";

        var protectedByFirst = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect(payload);
        var readBySecond = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedByFirst);

        Assert.Equal(payload, readBySecond);
        Assert.True(await app.WithDbAsync(db => Task.FromResult(db.DataProtectionKeys.Any())), "the key ring is stored in PostgreSQL");
    }

    [Fact]
    public async Task StaffSignedInOnOneInstance_PostsFormsAcrossInstances_WithTheOtherInstancesAntiforgeryToken()
    {
        await using var second = app.WithWebHostBuilder(builder => builder.UseSetting("Database:MigrateOnStartup", "false"));
        var instances = new Dictionary<string, WebApplicationFactory<Program>> { ["A"] = app, ["B"] = second };
        var commitment = await app.CreateCommitmentAsync();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var accepted = 0;
        var expectedNotes = new List<string>();

        foreach (var (signInOn, other) in new[] { ("A", "B"), ("B", "A") })
        {
            // One browser: one cookie jar, whichever instance the load balancer sends a request to.
            var jar = new CookieContainer();
            using var onSignIn = new PageClient(instances[signInOn].CreateDefaultClient(new CookieContainerHandler(jar)));
            using var onOther = new PageClient(instances[other].CreateDefaultClient(new CookieContainerHandler(jar)));
            var login = await app.CreateUserAsync(StaffRoles.Secretariat);
            using (var signedIn = await onSignIn.TrySignInAsync(login.Email, login.Password))
            {
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            }

            foreach (var (formFrom, postTo, formName, postName) in new[] { (onSignIn, onOther, signInOn, other), (onOther, onSignIn, other, signInOn) })
            {
                var note = $"form from {formName} posted to {postName}, signed in on {signInOn} {Guid.NewGuid():N}";
                var form = await formFrom.GetPageAsync($"/workspace/commitments/{commitment.Id}");
                using var posted = await postTo.SubmitAsync(form, $"/workspace/commitments/{commitment.Id}/progress", new Dictionary<string, object?>
                {
                    ["Status"] = "OnTrack",
                    ["ProgressPercent"] = (10 + expectedNotes.Count).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Note"] = note,
                    ["AsOf"] = today,
                });

                Assert.True(
                    posted.StatusCode == HttpStatusCode.Redirect && posted.Headers.Location?.OriginalString == $"/workspace/commitments/{commitment.Id}",
                    $"{note}: answered {(int)posted.StatusCode} {posted.Headers.Location}");
                accepted++;
                expectedNotes.Add(note);
            }
        }

        var history = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{commitment.Id}/progress");
        Assert.Equal(expectedNotes.Order(), history.EnumerateArray().Select(u => u.GetProperty("note").GetString()!).Order());
        ReliabilityFigures.Report(output, "instances-forms", ("instances", 2), ("crossInstancePosts", expectedNotes.Count), ("accepted", accepted));
    }

    /// <summary>
    /// The fall back when no notification arrives (cross-instance invalidation off, or its connection down: decision
    /// 122): the read cache's age bounds how late another instance's write shows. CrossInstanceInvalidationTests covers the listener.
    /// </summary>
    [Fact]
    public async Task WithoutTheChangeListener_WriteOnOneInstance_ShowsOnAnothersDashboard_WithinThatInstancesReadCacheMaxAge()
    {
        await using var fresh = app.WithWebHostBuilder(builder => builder
            .UseSetting("Database:MigrateOnStartup", "false")
            .UseSetting("Caching:CrossInstanceInvalidation", "false")
            .UseSetting("Caching:ReadModelSeconds", "1"));
        await using var byDefault = app.WithWebHostBuilder(builder => builder
            .UseSetting("Database:MigrateOnStartup", "false")
            .UseSetting("Caching:CrossInstanceInvalidation", "false"));
        var maxAge = fresh.Services.GetRequiredService<ReadCache>().MaxAge;
        Assert.Equal(TimeSpan.FromSeconds(1), maxAge);
        Assert.Equal(ReadCache.DefaultMaxAge, byDefault.Services.GetRequiredService<ReadCache>().MaxAge);
        Assert.Equal(TimeSpan.FromSeconds(30), ReadCache.DefaultMaxAge);

        var commitment = await app.CreateCommitmentAsync();
        using var onFresh = fresh.CreateClient();
        using var onDefault = byDefault.CreateClient();
        using var onWriter = app.CreateClient();
        Assert.Empty(await NotesOnDashboardAsync(onFresh, commitment.Id));
        Assert.Empty(await NotesOnDashboardAsync(onDefault, commitment.Id));

        var note = $"written on A {Guid.NewGuid():N}";
        using var writer = await app.CreateWriterAsync();
        using var written = await WsisTrackerFactory.RecordProgressAsync(writer, commitment.Id, commitment.Version,
            new { status = "onTrack", progressPercent = 15, note, asOf = DateTime.UtcNow.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        var afterWrite = Stopwatch.StartNew();

        // The writing instance starts a new cache generation at once; an instance at the default 30 s still serves
        // what it cached before the write, which proves the dashboard really is cached.
        Assert.Contains(note, await NotesOnDashboardAsync(onWriter, commitment.Id));
        Assert.DoesNotContain(note, await NotesOnDashboardAsync(onDefault, commitment.Id));

        var deadline = maxAge + TimeSpan.FromSeconds(2);
        var polls = 0;
        TimeSpan? seenAfter = null;
        while (afterWrite.Elapsed < deadline)
        {
            polls++;
            if ((await NotesOnDashboardAsync(onFresh, commitment.Id)).Contains(note))
            {
                seenAfter = afterWrite.Elapsed;
                break;
            }

            await Task.Delay(50);
        }

        ReliabilityFigures.Report(
            output,
            "instances-cache",
            ("maxAge", maxAge),
            ("seenAfter", seenAfter ?? TimeSpan.MinValue),
            ("polls", polls),
            ("defaultInstanceStaleAfterWrite", "yes"));
        Assert.True(seenAfter is not null, $"instance B (read cache {maxAge}) did not show the write within {deadline} ({polls} polls)");
    }

    [Fact]
    public async Task CommitmentCachedByOneInstance_ShowsAnotherInstancesWrite_AtOnceWithItsNewETag()
    {
        // The other instance keeps its cache for the default 30 s: its detail is fresh only because it checks the version.
        await using var second = app.WithWebHostBuilder(builder => builder.UseSetting("Database:MigrateOnStartup", "false"));
        using var onCache = second.CreateClient();
        var commitment = await app.CreateCommitmentAsync();
        var url = $"/api/v1/commitments/{commitment.Id}";
        using (var first = await onCache.GetAsync(url))
        {
            Assert.Equal($"\"{commitment.Version}\"", first.Headers.ETag?.Tag);
        }

        var note = $"written on A {Guid.NewGuid():N}";
        using var writer = await app.CreateWriterAsync();
        using var written = await WsisTrackerFactory.RecordProgressAsync(writer, commitment.Id, commitment.Version,
            new { status = "onTrack", progressPercent = 35, note, asOf = DateTime.UtcNow.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        var newETag = written.Headers.GetValues("Commitment-ETag").Single();

        using var again = await onCache.GetAsync(url);
        var detail = await again.Content.ReadFromJsonAsync<JsonElement>(WsisTrackerFactory.Json);
        Assert.Equal(newETag, again.Headers.ETag?.Tag);
        Assert.Equal(35, detail.GetProperty("progressPercent").GetInt32());
        Assert.Equal(note, detail.GetProperty("progressHistory")[0].GetProperty("note").GetString());
    }

    private static async Task<List<string>> NotesOnDashboardAsync(HttpClient client, int commitmentId)
    {
        var dashboard = await client.GetFromJsonAsync<JsonElement>("/api/v1/dashboard", WsisTrackerFactory.Json);
        return dashboard.GetProperty("recentlyUpdated").EnumerateArray()
            .Where(u => u.GetProperty("commitmentId").GetInt32() == commitmentId)
            .Select(u => u.GetProperty("note").GetString()!)
            .ToList();
    }
}
