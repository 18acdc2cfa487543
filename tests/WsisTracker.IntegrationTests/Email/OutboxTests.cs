using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Data;
using WsisTracker.Core.Email;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Email;

/// <summary>
/// The outbox end to end: messages written in their event's transaction, sent by the app's worker through a real SMTP
/// server on loopback (<see cref="TestSmtpServer"/>), exactly once under racing workers, retried after a refusal,
/// given up and retried by an administrator, and taken over after a stopped worker's lease.
/// </summary>
[Collection(EmailCollection.Name)]
public sealed class OutboxTests(EmailFactory app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Reminder_CommittedWithItsEvent_ArrivesOnce_SayingWhyAndLinkingToThePage()
    {
        var person = await app.CreateUserAsync(StaffRoles.Secretariat);
        var path = $"/workspace/reviews/{Random.Shared.Next(1, 1_000_000)}";
        var message = await EnqueueAsync(person.Email, new Reminder("report-submitted", "A report waits for your review", "UNESCO submitted a report on C3.", "You review reports as a member of the secretariat.", path));

        await TestSmtpServer.WaitUntilAsync(() => Task.FromResult(app.Smtp.To(person.Email).Count > 0), Patience, "the reminder at the SMTP server");
        await TestSmtpServer.WaitUntilAsync(async () => (await RowAsync(message.Id)).State == OutboxState.Sent, Patience, "the row marked sent");

        var received = Assert.Single(app.Smtp.To(person.Email));
        Assert.Equal(message.MessageId, received.MessageId);
        Assert.Equal("A report waits for your review", received.Subject);
        Assert.Equal("tracker@wsis.test", received.From.Mailboxes.Single().Address);
        Assert.Equal("auto-generated", received.Headers["Auto-Submitted"]);
        var text = received.TextBody;
        Assert.Contains("UNESCO submitted a report on C3.", text, StringComparison.Ordinal);
        Assert.Contains("Why you received this: You review reports as a member of the secretariat.", text, StringComparison.Ordinal);
        Assert.Contains($"{EmailFactory.BaseUrl}{path}", text, StringComparison.Ordinal);
        Assert.Contains($"{EmailFactory.BaseUrl}/account", text, StringComparison.Ordinal);
        var row = await RowAsync(message.Id);
        Assert.Equal(1, row.Attempts);
        Assert.NotNull(row.SentAt);
        Assert.Null(row.LeasedBy);
    }

    [Fact]
    public async Task Reminder_OfAnEventRolledBack_IsNeitherStoredNorSent()
    {
        var person = await app.CreateUserAsync(StaffRoles.Secretariat);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WsisTrackerDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == person.Email);
            await using var transaction = await db.Database.BeginTransactionAsync();
            user.ReceivesReminders = true;
            Assert.True(Outbox.AddReminder(db, user, new Reminder("test", "Never sent", "Rolled back.", "A test.", "/workspace")));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        // A message of a later, committed event overtakes nothing: once it has arrived, the rolled-back one is surely not coming.
        var later = await EnqueueAsync(person.Email, new Reminder("test", "Committed", "Committed.", "A test.", "/workspace"));
        await TestSmtpServer.WaitUntilAsync(() => Task.FromResult(app.Smtp.To(person.Email).Count > 0), Patience, "the committed reminder");
        await Task.Delay(500);

        Assert.Equal(later.MessageId, Assert.Single(app.Smtp.To(person.Email)).MessageId);
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Subject == "Never sent" && m.ToAddress == person.Email)));
    }

    [Fact]
    public async Task Outbox_FourWorkersOnTwoInstancesRacing_SendEveryMessageExactlyOnce()
    {
        var person = await app.CreateUserAsync(StaffRoles.Secretariat);
        await using var second = app.WithWebHostBuilder(builder => builder.UseSetting("Database:MigrateOnStartup", "false"));
        _ = second.Services;
        var settings = app.Services.GetRequiredService<EmailSettings>();
        var contexts = app.Services.GetRequiredService<IDbContextFactory<WsisTrackerDbContext>>();
        var racers = Enumerable.Range(0, 2).Select(_ => new OutboxDispatcher(contexts, settings, TimeProvider.System, NullLogger<OutboxDispatcher>.Instance)).ToList();

        var ids = new List<(long Id, string MessageId)>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WsisTrackerDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == person.Email);
            var messages = Enumerable.Range(1, 40).Select(i => Outbox.Message(user, new Reminder("race", $"Message {i}", $"Number {i}.", "A test.", "/workspace"), db.UtcNow)).ToList();
            db.OutboxMessages.AddRange(messages);
            await db.SaveChangesAsync();
            ids.AddRange(messages.Select(m => (m.Id, m.MessageId)));
        }

        var rowIds = ids.Select(i => i.Id).ToList();
        async Task<bool> AllSentAsync() => await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => rowIds.Contains(m.Id) && m.State == OutboxState.Sent)) == ids.Count;
        await Task.WhenAll(racers.Select(racer => Task.Run(async () =>
        {
            while (!await AllSentAsync())
            {
                await racer.DispatchAsync(EmailFactory.BaseUrl, CancellationToken.None);
            }
        })));
        await Task.Delay(500);

        var received = app.Smtp.WithIds([.. ids.Select(i => i.MessageId)]);
        Assert.All(ids, id => Assert.Single(received[id.MessageId]));
        var attempts = await app.WithDbAsync(db => db.OutboxMessages.Where(m => rowIds.Contains(m.Id)).SumAsync(m => m.Attempts));
        Assert.Equal(ids.Count, attempts);
    }

    [Fact]
    public async Task Message_TheServerRefuses_IsRetriedWithBackoffAndSentOnce_WithTheFailureRecorded()
    {
        var person = await app.CreateUserAsync(StaffRoles.Secretariat);
        app.Smtp.Refuse(person.Email, times: 2);

        var message = await EnqueueAsync(person.Email, new Reminder("test", "Refused twice", "Then accepted.", "A test.", "/workspace"));
        await TestSmtpServer.WaitUntilAsync(async () => (await RowAsync(message.Id)).State == OutboxState.Sent, Patience, "the row marked sent after two refusals");

        var row = await RowAsync(message.Id);
        Assert.Equal(3, row.Attempts);
        Assert.Equal(2, app.Smtp.RefusedCount(person.Email));
        Assert.Contains("554", row.LastError, StringComparison.Ordinal);
        Assert.True(row.SentAt >= row.CreatedAt + TimeSpan.FromSeconds(0.2 + 0.4), $"the retries waited (sent {row.SentAt:O}, written {row.CreatedAt:O})");
        Assert.Equal(message.MessageId, Assert.Single(app.Smtp.To(person.Email)).MessageId);
    }

    [Fact]
    public async Task Message_RefusedOnEveryAttempt_IsFailed_AndAnAdministratorsRetrySendsIt()
    {
        var person = await app.CreateUserAsync(StaffRoles.Secretariat);
        app.Smtp.Refuse(person.Email);
        var message = await EnqueueAsync(person.Email, new Reminder("test", "Refused until retried", "Then accepted.", "A test.", "/workspace"), m => m.GiveUpAfter = 2);
        await TestSmtpServer.WaitUntilAsync(async () => (await RowAsync(message.Id)).State == OutboxState.Failed, Patience, "the row failed after its attempts");
        Assert.Equal(2, (await RowAsync(message.Id)).Attempts);

        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);
        var page = await admin.GetPageAsync("/admin/outbox?state=Failed");
        var row = page.GetElementById($"message-{message.Id}");
        Assert.NotNull(row);
        Assert.Contains("Failed", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("554", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(person.Email, row.TextContent, StringComparison.Ordinal);

        app.Smtp.StopRefusing(person.Email);
        using (var retried = await admin.SubmitAsync(page, $"/admin/outbox/{message.Id}/retry", new Dictionary<string, object?>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        }

        await TestSmtpServer.WaitUntilAsync(async () => (await RowAsync(message.Id)).State == OutboxState.Sent, Patience, "the retried row sent");
        Assert.Equal(3, (await RowAsync(message.Id)).Attempts);
        Assert.Equal(message.MessageId, Assert.Single(app.Smtp.To(person.Email)).MessageId);

        // Sent is final: the page offers no retry, and a retry posted anyway is refused and sends nothing more.
        var after = await admin.GetPageAsync("/admin/outbox");
        Assert.DoesNotContain(after.Forms, f => f.GetAttribute("action") == $"/admin/outbox/{message.Id}/retry");
        var token = PageClient.ReadFields(after.Forms.First(f => f.GetAttribute("action") == "/account/logout"));
        using (var again = await admin.Http.PostAsync($"/admin/outbox/{message.Id}/retry", new FormUrlEncodedContent(token)))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        Assert.Contains("was sent already", (await admin.GetPageAsync("/admin/outbox")).QuerySelector(".notice")?.TextContent, StringComparison.Ordinal);

        await Task.Delay(500);
        Assert.Single(app.Smtp.To(person.Email));
    }

    [Fact]
    public async Task Claim_OfAWorkerThatStopped_IsTakenOverOnlyAfterItsLease()
    {
        var person = await app.CreateUserAsync(StaffRoles.Secretariat);
        var held = await EnqueueAsync(person.Email, new Reminder("test", "Lease still held", "Held.", "A test.", "/workspace"), m => Claimed(m, TimeSpan.FromMinutes(5)));
        var expired = await EnqueueAsync(person.Email, new Reminder("test", "Lease expired", "Taken over.", "A test.", "/workspace"), m => Claimed(m, TimeSpan.FromSeconds(-1)));

        await TestSmtpServer.WaitUntilAsync(async () => (await RowAsync(expired.Id)).State == OutboxState.Sent, Patience, "the expired claim taken over and sent");
        await Task.Delay(500);

        Assert.Equal(expired.MessageId, Assert.Single(app.Smtp.To(person.Email)).MessageId);
        Assert.Equal(2, (await RowAsync(expired.Id)).Attempts);
        var stillHeld = await RowAsync(held.Id);
        Assert.Equal(OutboxState.Sending, stillHeld.State);
        Assert.Equal("a stopped worker", stillHeld.LeasedBy);
    }

    [Fact]
    public async Task Reminders_TurnedOffOnTheAccountPage_AreNotWritten_AndTurnedOnAgainAre()
    {
        var login = await app.CreateUserAsync(StaffRoles.Secretariat);
        using var person = await app.SignInAsync(login);
        var page = await person.GetPageAsync("/account");
        Assert.Equal("Your account", page.QuerySelector("h1")!.TextContent);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)page.GetElementById("ReceivesReminders")!).IsChecked);

        using (var off = await person.SubmitAsync(page, "/account/reminders", new Dictionary<string, object?> { ["ReceivesReminders"] = "false" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        }

        page = await person.GetPageAsync("/account");
        Assert.False(((AngleSharp.Html.Dom.IHtmlInputElement)page.GetElementById("ReceivesReminders")!).IsChecked);
        Assert.False(await AddReminderAsync(login.Email));
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == login.Email)));

        using (var on = await person.SubmitAsync(page, "/account/reminders", new Dictionary<string, object?> { ["ReceivesReminders"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        }

        Assert.True(await AddReminderAsync(login.Email));
        await TestSmtpServer.WaitUntilAsync(() => Task.FromResult(app.Smtp.To(login.Email).Count > 0), Patience, "the reminder after turning them on");
    }

    [Fact]
    public async Task OutboxPage_IsForAdministratorsOnly()
    {
        using var secretariat = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        using var asSecretariat = await secretariat.Http.GetAsync("/admin/outbox");
        Assert.Equal(HttpStatusCode.Redirect, asSecretariat.StatusCode);
        Assert.Contains("/account/denied", asSecretariat.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var anonymous = app.CreatePageClient();
        using var asAnonymous = await anonymous.Http.GetAsync("/admin/outbox");
        Assert.Equal(HttpStatusCode.Redirect, asAnonymous.StatusCode);
        Assert.Contains("/account/login", asAnonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);
        using var badState = await admin.Http.GetAsync("/admin/outbox?state=Lost");
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
    }

    private static void Claimed(OutboxMessage message, TimeSpan leaseLeft)
    {
        message.State = OutboxState.Sending;
        message.Attempts = 1;
        message.LeasedBy = "a stopped worker";
        message.LastAttemptAt = DateTimeOffset.UtcNow;
        message.LeaseUntil = DateTimeOffset.UtcNow + leaseLeft;
    }

    private async Task<bool> AddReminderAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WsisTrackerDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var added = Outbox.AddReminder(db, user, new Reminder("test", "Preference", "Honoured.", "A test.", "/account"));
        await db.SaveChangesAsync();
        return added;
    }

    private async Task<OutboxMessage> EnqueueAsync(string email, Reminder reminder, Action<OutboxMessage>? arrange = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WsisTrackerDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var message = Outbox.Message(user, reminder, db.UtcNow);
        arrange?.Invoke(message);
        Outbox.Add(db, message);
        await db.SaveChangesAsync();
        return message;
    }

    private Task<OutboxMessage> RowAsync(long id) => app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
}
