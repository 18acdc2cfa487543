using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Reporting;
using WsisTracker.IntegrationTests.Infrastructure;
using WsisTracker.IntegrationTests.Reporting;

namespace WsisTracker.IntegrationTests.Email;

/// <summary>
/// The reminders of issue 17 end to end, through the app's own worker and a real SMTP server on loopback: a report
/// submitted mails the reviewers, one returned mails its contributors with the comment; a reporting cycle mails the
/// contributors it awaits when it opens, a week before it is due and when it is overdue, each once per person and
/// cycle with two instances scheduling, and nobody who answered or turned reminders off.
/// </summary>
[Collection(EmailCollection.Name)]
public sealed class ReminderTests(EmailFactory app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Several schedule rounds (<c>Email:Reminders:ScheduleSeconds</c> is 0.2 here) on both instances.</summary>
    private static readonly TimeSpan SeveralRounds = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task ReportSubmitted_MailsTheReviewers_AndReturned_MailsItsContributorsWithTheComment()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var reviewer = await app.CreateUserAsync(StaffRoles.Secretariat);
        var contributor = await app.CreateContributorAsync(slug);
        var otherContributor = await app.CreateContributorAsync((await app.CreateLedCommitmentAsync()).Stakeholder);
        var code = await app.WithDbAsync(db => db.Commitments.Where(c => c.Id == commitmentId).Select(c => c.Code).SingleAsync());

        var submitted = await app.SubmittedReportAsync(contributor, commitmentId, WsisTrackerFactory.OnTrack(25, "Two pilots."));
        await TestSmtpServer.WaitUntilAsync(() => Task.FromResult(app.Smtp.To(reviewer.Email).Count > 0), Patience, "the reviewer's message");
        var toReview = Assert.Single(app.Smtp.To(reviewer.Email));
        Assert.Contains(code, toReview.Subject, StringComparison.Ordinal);
        Assert.Contains($"{EmailFactory.BaseUrl}/workspace/reviews/{submitted.Id}", toReview.TextBody, StringComparison.Ordinal);
        Assert.Contains("Why you received this: You review progress reports", toReview.TextBody, StringComparison.Ordinal);
        Assert.Empty(app.Smtp.To(contributor.Login.Email));

        var returned = await app.ReportsAsync(r => r.ReturnAsync(WsisTrackerFactory.Reviewer(), submitted.Id, "Name the two countries.", submitted.Version, CancellationToken.None));
        Assert.True(returned.Succeeded, returned.Error?.Message);
        await TestSmtpServer.WaitUntilAsync(() => Task.FromResult(app.Smtp.To(contributor.Login.Email).Count > 0), Patience, "the contributor's message");
        var back = Assert.Single(app.Smtp.To(contributor.Login.Email));
        Assert.Equal($"Your report on {code} was returned", back.Subject);
        Assert.Contains("Name the two countries.", back.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{EmailFactory.BaseUrl}/contribute/commitments/{commitmentId}/report", back.TextBody, StringComparison.Ordinal);

        await Task.Delay(SeveralRounds);
        Assert.Single(app.Smtp.To(reviewer.Email));
        Assert.Single(app.Smtp.To(contributor.Login.Email));
        Assert.Empty(app.Smtp.To(otherContributor.Login.Email));
    }

    [Fact]
    public async Task AReturnRefused_WritesNoReminder()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        var submitted = await app.SubmittedReportAsync(contributor, commitmentId, WsisTrackerFactory.OnTrack(25));

        var stale = await app.ReportsAsync(r => r.ReturnAsync(WsisTrackerFactory.Reviewer(), submitted.Id, "Stale.", submitted.Version + 1, CancellationToken.None));
        var blank = await app.ReportsAsync(r => r.ReturnAsync(WsisTrackerFactory.Reviewer(), submitted.Id, " ", submitted.Version, CancellationToken.None));

        Assert.False(stale.Succeeded);
        Assert.False(blank.Succeeded);
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == contributor.Login.Email)));
    }

    [Fact]
    public async Task Cycle_OpenedDueSoonAndOverdue_EachArriveOncePerContributor_WithTwoInstancesScheduling()
    {
        var marker = $"rm{Guid.NewGuid():N}"[..14];
        var scoped = await ReportingArrange.StakeholderAsync(app, $"Reminded lead {marker}");
        var partner = await ReportingArrange.StakeholderAsync(app, $"Answering lead {marker}");
        var awaited = await ReportingArrange.CommitmentAsync(app, $"{marker} awaited", ReportingCadence.Annual, scoped.Slug, "C4");
        var answered = await CommitmentLedByWithPartnerAsync($"{marker} answered", partner.Slug, scoped.Slug);
        var reminded = await app.CreateContributorAsync(scoped.Slug);
        var optedOut = await app.CreateContributorAsync(scoped.Slug);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == optedOut.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.ReceivesReminders, false)));
        var answeredContributor = await app.CreateContributorAsync(partner.Slug);
        var today = app.Clock.Today;
        await ReportingArrange.ReportAsync(app, answered, today);
        await using var second = app.WithWebHostBuilder(builder => builder.UseSetting("Database:MigrateOnStartup", "false"));
        _ = second.Services;

        using var writer = await app.CreateWriterAsync();
        var cycleName = $"Cycle {marker}";
        var id = await EmailFactory.OpenCycleAsync(writer, new { name = cycleName, opensOn = today.AddDays(-20), dueOn = today.AddDays(10), stakeholder = scoped.Slug });

        var opened = await app.SentReminderAsync(reminded, ReminderKinds.CycleOpened);
        Assert.Equal($"Reporting cycle open: {cycleName}, reports due {today.AddDays(10).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}", opened.Subject);
        Assert.Contains($"{marker} awaited", opened.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain($"{marker} answered", opened.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{EmailFactory.BaseUrl}/contribute", opened.TextBody, StringComparison.Ordinal);
        Assert.Contains($"You are a focal point of {scoped.Name}", opened.TextBody, StringComparison.Ordinal);

        await app.Clock.MoveAsync(TimeSpan.FromDays(5), async () =>
        {
            var soon = await app.SentReminderAsync(reminded, ReminderKinds.CycleDueSoon);
            Assert.Equal($"Reports due in 5 days: {cycleName}", soon.Subject);
            await Task.Delay(SeveralRounds);
        });
        await app.Clock.MoveAsync(TimeSpan.FromDays(11), async () =>
        {
            var overdue = await app.SentReminderAsync(reminded, ReminderKinds.CycleOverdue);
            Assert.Equal($"Reports overdue: {cycleName}", overdue.Subject);
            Assert.Contains($"{marker} awaited", overdue.TextBody, StringComparison.Ordinal);
            await Task.Delay(SeveralRounds);
        });

        var kinds = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientUserId == reminded.UserId).OrderBy(m => m.Id).Select(m => m.Kind).ToListAsync());
        Assert.Equal([ReminderKinds.CycleOpened, ReminderKinds.CycleDueSoon, ReminderKinds.CycleOverdue], kinds);
        Assert.Equal(3, app.Smtp.To(reminded.Login.Email).Count);
        Assert.Empty(app.Smtp.To(optedOut.Login.Email));
        Assert.Empty(app.Smtp.To(answeredContributor.Login.Email));
        Assert.Equal(
            [ReportingReminders.OnceKey(ReminderKinds.CycleOpened, id, reminded.UserId), ReportingReminders.OnceKey(ReminderKinds.CycleDueSoon, id, reminded.UserId), ReportingReminders.OnceKey(ReminderKinds.CycleOverdue, id, reminded.UserId)],
            await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientUserId == reminded.UserId).OrderBy(m => m.Id).Select(m => m.OnceKey!).ToListAsync()));
    }

    [Fact]
    public async Task Cycle_OpeningLater_IsAnnouncedOnItsOpeningDay_AndAClosedOneRemindsNobody()
    {
        var marker = $"rl{Guid.NewGuid():N}"[..14];
        var lead = await ReportingArrange.StakeholderAsync(app, $"Later lead {marker}");
        await ReportingArrange.CommitmentAsync(app, $"{marker} later", ReportingCadence.Annual, lead.Slug, "C5");
        var contributor = await app.CreateContributorAsync(lead.Slug);
        var today = app.Clock.Today;
        using var writer = await app.CreateWriterAsync();
        var later = await EmailFactory.OpenCycleAsync(writer, new { name = $"Later {marker}", opensOn = today.AddDays(3), dueOn = today.AddDays(60), stakeholder = lead.Slug });

        await Task.Delay(SeveralRounds);
        Assert.Empty(app.Smtp.To(contributor.Login.Email));

        await app.Clock.MoveAsync(TimeSpan.FromDays(3), async () =>
        {
            var opened = await app.SentReminderAsync(contributor, ReminderKinds.CycleOpened);
            Assert.StartsWith($"Reporting cycle open: Later {marker}", opened.Subject, StringComparison.Ordinal);
        });

        var version = await app.WithDbAsync(db => db.ReportingCycles.Where(c => c.Id == later).Select(c => c.Version).SingleAsync());
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reporting-cycles/{later}/close"))
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
            using var closed = await writer.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        await app.Clock.MoveAsync(TimeSpan.FromDays(61), () => Task.Delay(SeveralRounds));
        Assert.Single(app.Smtp.To(contributor.Login.Email));
    }


    private async Task<int> CommitmentLedByWithPartnerAsync(string title, string lead, string partner)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("integration-tests", ActorKind.System);
        var created = await scope.ServiceProvider.GetRequiredService<CommitmentWrites>().CreateAsync(
            new CommitmentInput(title, "Arranged by a reminder test.", [new ParagraphKey("a-res-80-173", 99)], ["C4"], [lead], [partner], null, null, ReportingCadence.Annual, []),
            CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value!.Id;
    }
}
