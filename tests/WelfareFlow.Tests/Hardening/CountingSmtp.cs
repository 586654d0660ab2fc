using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpListener = SmtpServer.SmtpServer;

namespace WelfareFlow.Tests.Hardening;

/// <summary>A real SMTP server in the test process that keeps every message it accepts, for counting (a message
/// accepted twice is a mail a person got twice).</summary>
public sealed class CountingSmtp : MessageStore, IAsyncDisposable
{
    readonly CancellationTokenSource stop = new();
    Task? running;

    public int Port { get; } = FreePort();
    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>How long the server takes to accept a message, and the most messages it was accepting at once.</summary>
    public TimeSpan AcceptDelay { get; init; }
    public int MostAtOnce => mostAtOnce;
    int atOnce, mostAtOnce;

    public IReadOnlyList<MimeMessage> OfKind(string kind) => [.. Received.Where(m => m.Headers["X-WelfareFlow-Kind"] == kind)];

    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string kind, int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (OfKind(kind).Count < count)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"{OfKind(kind).Count} of {count} '{kind}' mails arrived by SMTP.");
            await Task.Delay(100);
        }

        return OfKind(kind);
    }

    /// <param name="certificate">When given, the server offers STARTTLS with it.</param>
    public static CountingSmtp Start(X509Certificate2? certificate = null, TimeSpan acceptDelay = default)
    {
        var smtp = new CountingSmtp { AcceptDelay = acceptDelay };
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e =>
        {
            e.Endpoint(new IPEndPoint(IPAddress.Loopback, smtp.Port));
            if (certificate is not null) e.Certificate(certificate);
        }).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(smtp);
        smtp.running = new SmtpListener(options, services).StartAsync(smtp.stop.Token);
        return smtp;
    }

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref atOnce);
        for (var most = mostAtOnce; now > most && Interlocked.CompareExchange(ref mostAtOnce, now, most) != most; most = mostAtOnce) { }
        try
        {
            if (AcceptDelay > TimeSpan.Zero) await Task.Delay(AcceptDelay, cancellationToken);
            using var stream = new MemoryStream(buffer.ToArray());
            Received.Enqueue(MimeMessage.Load(stream));
            return SmtpResponse.Ok;
        }
        finally
        {
            Interlocked.Decrement(ref atOnce);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try { await running!; } catch (OperationCanceledException) { }
        stop.Dispose();
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
