using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WsisTracker.Core.Data.Seeding;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Performance;

/// <summary>
/// No N+1: every page and API request issues the same number of SQL commands before and after the data grows
/// tenfold. Runs on a database of its own, since it adds synthetic data.
/// </summary>
public sealed class SqlCommandCountTests : IAsyncLifetime
{
    private static readonly string[] Urls =
    [
        "/",
        "/api/v1/resolutions",
        "/api/v1/resolutions/a-res-70-125",
        "/api/v1/resolutions/a-res-80-173/paragraphs",
        "/api/v1/resolutions/a-res-70-125/paragraphs/27",
        "/api/v1/action-lines",
        "/api/v1/action-lines/C7",
        "/api/v1/stakeholders",
        "/api/v1/commitments?limit=200",
        "/api/v1/commitments?actionLine=C5&limit=200",
        "/api/v1/commitments/1",
        "/api/v1/commitments/1/progress",
        "/api/v1/dashboard",
        "/api/v1/progress-updates?limit=200",
        "/commitments",
        "/commitments?actionLine=C5&status=notStarted",
        "/commitments/1",
        "/commitments/1/feed",
        "/resolutions/a-res-70-125",
        "/resolutions/a-res-80-173",
        "/action-lines/C7",
        "/stakeholders",
        "/search?q=internet+governance",
        "/feed",
        "/commitments?reportingStatus=overdue",
        "/api/v1/commitments?reportingStatus=due&limit=200",
        "/api/v1/reporting-cycles",
    ];

    private readonly WsisTrackerFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task RecordingProgress_OverTheApi_TakesFourCommandsAndNoSavepoint()
    {
        var commitment = await _app.CreateCommitmentAsync();
        using var writer = await _app.CreateWriterAsync();
        var version = commitment.Version;
        var counts = new List<(int Commands, int Savepoints)>();
        foreach (var percent in new[] { 10, 20 })
        {
            _app.SqlCommands.Reset();
            using var response = await WsisTrackerFactory.RecordProgressAsync(writer, commitment.Id, version,
                new { status = "onTrack", progressPercent = percent, asOf = DateTime.UtcNow.ToString("yyyy-MM-dd") });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            counts.Add((_app.SqlCommands.Count, _app.SqlCommands.Savepoints));
            version = uint.Parse(response.Headers.GetValues("Commitment-ETag").Single().Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        }

        // The key, the commitment, one batch with the update and the commitment's new state, and the audit rows; the
        // first use of a key also records it (at most once a minute). BEGIN and COMMIT are not commands.
        Assert.Equal([(5, 0), (4, 0)], counts);
    }

    [Fact]
    public async Task EveryRequest_IssuesTheSameNumberOfCommands_WhenTheDataGrowsTenfold()
    {
        string[] urls;
        // A reporting cycle over every commitment, open: its figures are computed from the live data at each request.
        using (var writer = await _app.CreateWriterAsync())
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            using var opened = await writer.PostAsJsonAsync("/api/v1/reporting-cycles", new { name = "Every commitment", opensOn = today.AddYears(-5), dueOn = today });
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            var id = (await opened.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt32();
            urls = [.. Urls, $"/api/v1/reporting-cycles/{id}", $"/reporting-cycles/{id}/report", $"/reporting-cycles/{id}/report.docx"];
        }

        var before = new Dictionary<string, int>();
        foreach (var url in urls)
        {
            before[url] = await _app.CountSqlCommandsAsync(url);
        }

        await using (var db = WsisTrackerFactory.CreateDbContext(_app.ConnectionString))
        {
            var existing = await db.Commitments.CountAsync();
            await new DemoDataSeeder(db, TimeProvider.System, NullLogger<DemoDataSeeder>.Instance).AddAsync(existing * 10, 5, 7, CancellationToken.None);
        }

        foreach (var url in urls)
        {
            var after = await _app.CountSqlCommandsAsync(url);
            Assert.True(before[url] == after, $"{url}: {before[url]} SQL commands before the data grew, {after} after");
            Assert.True(after > 0, $"{url}: no SQL command was counted, so the counter is not wired");
        }
    }

    /// <summary>
    /// The staff's and contributors' pages (the review queue and a review, the cycles, the outbox, the grouping pages,
    /// the indicator import, the contributor's page and report form) issue the same number of commands when the
    /// reports, the outbox, a country's memberships and the commitments grow tenfold.
    /// </summary>
    [Fact]
    public async Task StaffAndContributorPages_IssueTheSameNumberOfCommands_WhenReportsAndMessagesGrowTenfold()
    {
        var stakeholder = await _app.CreateStakeholderAsync();
        var contributor = await _app.CreateContributorAsync(stakeholder.Slug);
        var reports = new List<int>();
        var commitments = new List<int>();
        async Task AddReportsAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var id = await _app.CreateCommitmentAsync($"Counted {Guid.NewGuid():N}", "Arranged by the command count.", new Core.Commitments.ParagraphKey("a-res-70-125", 63), "C5", stakeholder.Slug);
                commitments.Add(id);
                reports.Add((await _app.SubmittedReportAsync(contributor, id, WsisTrackerFactory.OnTrack(10 + i))).Id);
            }
        }

        async Task AddMessagesAsync(int count) => await _app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == contributor.UserId);
            db.OutboxMessages.AddRange(Enumerable.Range(0, count).Select(i => Core.Email.Outbox.Message(user, new Core.Email.Reminder("count", $"Counted {i}", "Body.", "A test.", "/contribute"), db.UtcNow)));
            return await db.SaveChangesAsync();
        });

        // Past memberships of Tuvalu (an LDC and a SIDS today) in the LLDC grouping, a year each, two years apart.
        var memberships = 0;
        async Task AddMembershipsAsync(int count)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Core.Auditing.ActorContext>().Set("integration-tests", Core.Auditing.ActorKind.System);
            var countries = scope.ServiceProvider.GetRequiredService<Core.Countries.CountryService>();
            for (var i = 0; i < count; i++, memberships++)
            {
                var from = new DateOnly(1800 + (2 * memberships), 1, 1);
                var added = await countries.AddMembershipAsync("TUV", new Core.Countries.MembershipInput("lldc", from, from.AddYears(1), "Arranged by the command count."), CancellationToken.None);
                Assert.True(added.Succeeded, added.Error?.Message);
            }
        }

        await AddReportsAsync(2);
        await AddMessagesAsync(3);
        await AddMembershipsAsync(2);
        int cycle;
        using (var writer = await _app.CreateWriterAsync())
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            using var opened = await writer.PostAsJsonAsync("/api/v1/reporting-cycles", new { name = "Counted cycle", opensOn = today.AddYears(-1), dueOn = today.AddDays(10), stakeholder = stakeholder.Slug });
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            cycle = (await opened.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt32();
        }

        using var admin = await _app.CreateClientAsAsync(Core.Accounts.StaffRoles.Administrator);
        using var author = await _app.SignInAsync(contributor.Login);
        (HttpClient Client, string Url)[] requests =
        [
            (admin.Http, "/workspace/reviews"),
            (admin.Http, $"/workspace/reviews?stakeholder={stakeholder.Slug}&actionLine=C5"),
            (admin.Http, $"/workspace/reviews/{reports[0]}"),
            (admin.Http, "/workspace/cycles"),
            (admin.Http, $"/workspace/cycles/{cycle}"),
            (admin.Http, "/admin/outbox"),
            (admin.Http, "/workspace/countries"),
            (admin.Http, "/workspace/countries/TUV"),
            (admin.Http, "/admin/indicators/import"),
            (author.Http, "/contribute"),
            (author.Http, $"/contribute/commitments/{commitments[0]}/report"),
        ];
        var before = new List<int>();
        foreach (var (client, url) in requests)
        {
            before.Add(await _app.CountSqlCommandsAsync(url, client));
        }

        await AddReportsAsync(18);
        await AddMessagesAsync(27);
        await AddMembershipsAsync(18);
        await using (var db = WsisTrackerFactory.CreateDbContext(_app.ConnectionString))
        {
            var existing = await db.Commitments.CountAsync();
            await new DemoDataSeeder(db, TimeProvider.System, NullLogger<DemoDataSeeder>.Instance).AddAsync(existing * 10, 5, 7, CancellationToken.None);
        }

        for (var i = 0; i < requests.Length; i++)
        {
            var after = await _app.CountSqlCommandsAsync(requests[i].Url, requests[i].Client);
            Assert.True(before[i] == after, $"{requests[i].Url}: {before[i]} SQL commands before the data grew, {after} after");
            Assert.True(after > 0, $"{requests[i].Url}: no SQL command was counted");
        }
    }
}
