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
}

[CollectionDefinition(Name)]
public sealed class EmailCollection : ICollectionFixture<EmailFactory>
{
    public const string Name = "email";
}
