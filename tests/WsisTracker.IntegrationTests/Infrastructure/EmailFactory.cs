using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Email;

namespace WsisTracker.IntegrationTests.Infrastructure;

/// <summary>
/// The app with its outbox worker sending to a <see cref="TestSmtpServer"/> on loopback: short poll and retry waits,
/// links from <see cref="BaseUrl"/>. One per test collection (<see cref="EmailCollection"/>).
/// </summary>
public sealed class EmailFactory : WsisTrackerFactory
{
    public const string BaseUrl = "https://wsis.test";

    private TestSmtpServer? _smtp;

    public TestSmtpServer Smtp => _smtp ?? throw new InvalidOperationException("The factory is not initialised.");

    public override async Task InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }
    }

    /// <summary>The settings of a host that sends to the test server; a second instance gets them too.</summary>
    public IEnumerable<(string Key, string Value)> SmtpSettings() =>
    [
        ("Email:Smtp:Host", "127.0.0.1"),
        ("Email:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Email:Smtp:Security", "None"),
        ("Email:From", "WSIS Tracker <tracker@wsis.test>"),
        ("Email:Smtp:TimeoutSeconds", "10"),
        ("Email:Outbox:PollSeconds", "0.1"),
        ("Email:Outbox:RetryBaseSeconds", "0.2"),
        ("Email:Outbox:RetryMaxSeconds", "0.5"),
        ("Email:Outbox:BatchSize", "5"),
        ("Email:Reminders:ScheduleSeconds", "0.2"),
        ("App:BaseUrl", BaseUrl),
    ];

    protected override IEnumerable<(string Key, string Value)> Settings() => SmtpSettings();

    /// <summary>Waits until the one reminder of <paramref name="kind"/> to <paramref name="contributor"/> is sent, and returns it as the server received it.</summary>
    public async Task<MimeKit.MimeMessage> SentReminderAsync(Contributor contributor, string kind)
    {
        await TestSmtpServer.WaitUntilAsync(
            async () => await WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.RecipientUserId == contributor.UserId && m.Kind == kind && m.State == OutboxState.Sent)),
            TimeSpan.FromSeconds(30),
            $"the {kind} reminder sent");
        var messageId = await WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientUserId == contributor.UserId && m.Kind == kind).Select(m => m.MessageId).SingleAsync());
        return Assert.Single(Smtp.WithIds([messageId])[messageId]);
    }

    /// <summary>Opens a reporting cycle through the API with <paramref name="writer"/>'s key and returns its id.</summary>
    public static async Task<int> OpenCycleAsync(HttpClient writer, object body)
    {
        using var response = await writer.PostAsJsonAsync("/api/v1/reporting-cycles", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetInt32();
    }
}

[CollectionDefinition(Name)]
public sealed class EmailCollection : ICollectionFixture<EmailFactory>
{
    public const string Name = "email";
}
