using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace WsisTracker.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port inside the test process. It keeps every
/// message it accepted, parsed with MimeKit, and refuses (554) messages to the addresses a test names, so a test reads
/// exactly what reached the server.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly ConcurrentDictionary<string, int> _refusals = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _refusedCounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly SmtpServer.SmtpServer _server;
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _running;

    private TestSmtpServer()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => _port.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
    }

    public int Port { get; private set; }

    /// <summary>How many messages the server accepted, all told (refused ones are not counted).</summary>
    public int AcceptedCount => _received.Count;

    /// <summary>How many times a message to an address was refused.</summary>
    public int RefusedCount(string address) => _refusedCounts.GetValueOrDefault(address);

    public static async Task<TestSmtpServer> StartAsync()
    {
        var server = new TestSmtpServer();
        server._running = server._server.StartAsync(server._stop.Token);
        server.Port = await server._port.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return server;
    }

    /// <summary>The next <paramref name="times"/> messages to <paramref name="address"/> are refused with 554 (<see cref="int.MaxValue"/>: until <see cref="StopRefusing"/>).</summary>
    public void Refuse(string address, int times = int.MaxValue) => _refusals[address] = times;

    public void StopRefusing(string address) => _refusals.TryRemove(address, out _);

    /// <summary>Every accepted message to <paramref name="address"/>.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. _received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Every accepted message with one of the Message-IDs, by Message-ID.</summary>
    public ILookup<string, MimeMessage> WithIds(IReadOnlyCollection<string> messageIds) =>
        _received.Where(m => m.MessageId is { } id && messageIds.Contains(id)).ToLookup(m => m.MessageId ?? "");

    /// <summary>Waits until <paramref name="done"/> holds, failing the test after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {timeout.TotalSeconds} s waiting for: {what}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        if (_running is not null)
        {
            try
            {
                await _running.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        _stop.Dispose();
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            foreach (var to in transaction.To)
            {
                var address = $"{to.User}@{to.Host}";
                if (owner._refusals.TryGetValue(address, out var left) && left > 0)
                {
                    owner._refusals[address] = left == int.MaxValue ? left : left - 1;
                    owner._refusedCounts.AddOrUpdate(address, 1, (_, n) => n + 1);
                    return new SmtpResponse(SmtpReplyCode.TransactionFailed, "Refused by the test");
                }
            }

            using var stream = new MemoryStream(buffer.ToArray());
            owner._received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
