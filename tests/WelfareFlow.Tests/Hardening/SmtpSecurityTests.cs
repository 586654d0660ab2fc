using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using WelfareFlow.Configuration;
using WelfareFlow.Mail;
using SmtpListener = SmtpServer.SmtpServer;

namespace WelfareFlow.Tests.Hardening;

/// <summary>Issue 10, point 6: mails carry link tokens, so SMTP takes STARTTLS whenever the server offers it, and
/// sends in clear text only when told to (<c>Mail:Smtp:Security</c>).</summary>
public sealed class SmtpSecurityTests
{
    [Fact]
    public async Task Auto_ServerOffersStartTls_TlsIsNegotiated_NoClearTextDelivery()
    {
        // The test server's certificate is self-signed, so a TLS handshake fails on the client: proof that TLS was tried.
        await using var server = await Listener.StartAsync(offerStartTls: true);
        await Assert.ThrowsAsync<SslHandshakeException>(() => Transport(server.Port, SmtpSecurity.Auto).DeliverAsync(Mail(), CancellationToken.None));
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task None_ServerOffersStartTls_SentInClearTextBecauseAskedTo()
    {
        await using var server = await Listener.StartAsync(offerStartTls: true);
        await Transport(server.Port, SmtpSecurity.None).DeliverAsync(Mail(), CancellationToken.None);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task Auto_ServerWithoutTls_StillDelivers()
    {
        await using var server = await Listener.StartAsync(offerStartTls: false);
        await Transport(server.Port, SmtpSecurity.Auto).DeliverAsync(Mail(), CancellationToken.None);
        Assert.Single(server.Received);
    }

    static MailTransport Transport(int port, SmtpSecurity security) =>
        new(Options.Create(new MailOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = security } }), NullLogger<MailTransport>.Instance, TimeProvider.System);

    static OutgoingMail Mail() => new("tls", "invitation|judge-1", "judge-invitation", "심사위원", "judge-1@judges.example", "초대", "/judge/token", "<p>/judge/token</p>");

    sealed class Listener : MessageStore, IAsyncDisposable
    {
        readonly CancellationTokenSource stop = new();
        Task? running;

        public int Port { get; } = FreePort();
        public ConcurrentQueue<byte[]> Received { get; } = new();

        public static Task<Listener> StartAsync(bool offerStartTls)
        {
            var listener = new Listener();
            var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e =>
            {
                e.Endpoint(new IPEndPoint(IPAddress.Loopback, listener.Port));
                if (offerStartTls) e.Certificate(SelfSigned());
            }).Build();
            var services = new SmtpServer.ComponentModel.ServiceProvider();
            services.Add(listener);
            listener.running = new SmtpListener(options, services).StartAsync(listener.stop.Token);
            return Task.FromResult(listener);
        }

        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Received.Enqueue(buffer.ToArray());
            return Task.FromResult(SmtpResponse.Ok);
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            try { await running!; } catch (OperationCanceledException) { }
            stop.Dispose();
        }

        static X509Certificate2 SelfSigned()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
        }

        static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
