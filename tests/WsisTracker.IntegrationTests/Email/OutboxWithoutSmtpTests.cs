using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Data;
using WsisTracker.Core.Email;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Email;

/// <summary>The shared app has no <c>Email:Smtp:Host</c>: it runs, keeps every message in the outbox, and an instance with a server sends them later.</summary>
[Collection(AppCollection.Name)]
public sealed class OutboxWithoutSmtpTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task WithoutSmtp_MessagesAreKeptPending_AndAnInstanceWithAServerSendsThemOnce()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var person = await app.CreateUserAsync(StaffRoles.Secretariat);
        OutboxMessage message;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WsisTrackerDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == person.Email);
            message = Outbox.Message(user, new Reminder("test", "Kept without SMTP", "Waits.", "A test.", "/account"), db.UtcNow);
            Outbox.Add(db, message);
            await db.SaveChangesAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var kept = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id));
        Assert.Equal(OutboxState.Pending, kept.State);
        Assert.Equal(0, kept.Attempts);
        Assert.Empty(smtp.To(person.Email));
        using (var health = await app.CreateClient().GetAsync("/health/ready"))
        {
            Assert.True(health.IsSuccessStatusCode);
        }

        await using var withSmtp = app.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Email:Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Email:Smtp:Security", "None");
            builder.UseSetting("Email:Outbox:PollSeconds", "0.1");
        });
        _ = withSmtp.Services;
        await TestSmtpServer.WaitUntilAsync(() => Task.FromResult(smtp.To(person.Email).Count > 0), TimeSpan.FromSeconds(30), "the kept message sent by the instance with a server");
        await TestSmtpServer.WaitUntilAsync(
            async () => (await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id))).State == OutboxState.Sent,
            TimeSpan.FromSeconds(30),
            "the kept message marked sent");
        Assert.Equal(message.MessageId, Assert.Single(smtp.To(person.Email)).MessageId);
    }
}
