using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Mail;
using WelfareFlow.Tests.Hardening;

namespace WelfareFlow.Tests.Mail;

/// <summary>The engine runs up to 100 activities at once, and cases escalated together each send mail: the relay still
/// sees at most <see cref="MailTransport.MaxSmtpConnections"/> connections from one process, and every mail arrives.</summary>
public sealed class SmtpConnectionsTests
{
    [Fact]
    public async Task FortyMailsAtOnce_AtMostSixteenConnections_EveryMailDelivered()
    {
        await using var server = CountingSmtp.Start(acceptDelay: TimeSpan.FromMilliseconds(300));
        var transport = new MailTransport(Options.Create(new MailOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Security = SmtpSecurity.None } }),
            NullLogger<MailTransport>.Instance, TimeProvider.System);

        await Task.WhenAll(Enumerable.Range(1, 40).Select(i => transport.DeliverAsync(
            new OutgoingMail("round", $"escalation|dong-{i:D2}|0", "operator-escalation", "운영자", "ops@city.example", $"지연 사례 {i}", "text", "<p>text</p>"), CancellationToken.None)));

        Assert.Equal(40, server.Received.Select(m => m.Subject).Distinct().Count());
        // Many at once (the limit is not one at a time), never more than the limit.
        Assert.InRange(server.MostAtOnce, 2, MailTransport.MaxSmtpConnections);
    }
}
