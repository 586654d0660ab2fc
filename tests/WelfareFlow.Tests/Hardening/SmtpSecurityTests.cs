using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Mail;

namespace WelfareFlow.Tests.Hardening;

/// <summary>Issue 10, point 6: mails carry link tokens, so SMTP takes STARTTLS whenever the server offers it, and
/// sends in clear text only when told to (<c>Mail:Smtp:Security</c>).</summary>
public sealed class SmtpSecurityTests
{
    [Fact]
    public async Task Auto_ServerOffersStartTls_TlsIsNegotiated_NoClearTextDelivery()
    {
        // The test server's certificate is self-signed, so a TLS handshake fails on the client: proof that TLS was tried.
        await using var server = Listen(offerStartTls: true);
        await Assert.ThrowsAsync<SslHandshakeException>(() => Transport(server.Port, SmtpSecurity.Auto).DeliverAsync(Mail(), CancellationToken.None));
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task None_ServerOffersStartTls_SentInClearTextBecauseAskedTo()
    {
        await using var server = Listen(offerStartTls: true);
        await Transport(server.Port, SmtpSecurity.None).DeliverAsync(Mail(), CancellationToken.None);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task Auto_ServerWithoutTls_StillDelivers()
    {
        await using var server = Listen(offerStartTls: false);
        await Transport(server.Port, SmtpSecurity.Auto).DeliverAsync(Mail(), CancellationToken.None);
        Assert.Single(server.Received);
    }

    static MailTransport Transport(int port, SmtpSecurity security) =>
        new(Options.Create(new MailOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = security } }), NullLogger<MailTransport>.Instance, TimeProvider.System);

    static OutgoingMail Mail() => new("tls", "invitation|judge-1", "judge-invitation", "심사위원", "judge-1@judges.example", "초대", "/judge/token", "<p>/judge/token</p>");

    static CountingSmtp Listen(bool offerStartTls) => CountingSmtp.Start(offerStartTls ? SelfSigned() : null);

    static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
