using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Bugsink.Web.Tests.Infrastructure;

// A real SMTP server on a loopback port, in-process (the SmtpServer package), keeping every message it
// accepts. It can be stopped (the port then refuses connections, as a dead mail server does) and started
// again on the same port, or told to answer DATA with an error.
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedEmail> _received = new();
    private CancellationTokenSource? _stop;
    private Task? _running;

    private SmtpTestServer(int port) => Port = port;

    public int Port { get; }

    public IReadOnlyList<ReceivedEmail> Received => [.. _received];

    // When set, DATA is answered with this instead of 250 (e.g. 451 for "try again later").
    public SmtpResponse? RefuseWith { get; set; }

    // Settings that point the Bugsink server at this one.
    public string[] ServerArgs =>
    [
        "--Bugsink:Smtp:Host=127.0.0.1",
        string.Create(CultureInfo.InvariantCulture, $"--Bugsink:Smtp:Port={Port}"),
        "--Bugsink:Smtp:Security=none",
        "--Bugsink:Smtp:From=Bugsink <alerts@bugsink.test>",
    ];

    public static SmtpTestServer Start()
    {
        var server = new SmtpTestServer(LoopbackPort.Free());
        server.Resume();
        return server;
    }

    public void Resume()
    {
        if (_running is not null)
        {
            return;
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new CapturingStore(this));
        _stop = new CancellationTokenSource();
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public async Task StopAsync()
    {
        if (_running is null || _stop is null)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // How the server ends when cancelled.
        }

        _stop.Dispose();
        (_running, _stop) = (null, null);
    }

    // Waits until at least `count` messages arrived, then a little longer so a surplus would show up too.
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(int count, TimeSpan? timeout = null, TimeSpan? settle = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (_received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} emails, received {_received.Count}: " +
                    string.Join(" | ", _received.Select(r => r.Message.Subject)));
            }

            await Task.Delay(50);
        }

        await Task.Delay(settle ?? TimeSpan.FromMilliseconds(500));
        return Received;
    }

    public async ValueTask DisposeAsync() => await StopAsync();


    private sealed class CapturingStore(SmtpTestServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (owner.RefuseWith is { } refusal)
            {
                return Task.FromResult(refusal);
            }

            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            var to = transaction.To.Select(m => $"{m.User}@{m.Host}").ToList();
            owner._received.Enqueue(new ReceivedEmail(to, message));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}

// One accepted message: the envelope recipients (RCPT TO) and the parsed message.
public sealed record ReceivedEmail(IReadOnlyList<string> EnvelopeTo, MimeMessage Message)
{
    public string To => string.Join(",", EnvelopeTo);

    public string Subject => Message.Subject ?? "";

    public string Text => Message.TextBody ?? "";

    public string Html => Message.HtmlBody ?? "";
}
