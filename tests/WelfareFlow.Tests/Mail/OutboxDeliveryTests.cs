using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using WelfareFlow.Configuration;
using WelfareFlow.Mail;
using WelfareFlow.Storage;
using WelfareFlow.Tests.Azurite;
using SmtpListener = SmtpServer.SmtpServer;
using SmtpResponse = SmtpServer.Protocol.SmtpResponse;

namespace WelfareFlow.Tests.Mail;

/// <summary>
/// The outbox against a real SMTP server in this process (SmtpServer on a loopback port) that answers 451 to
/// the first DATA commands: retried with backoff, never lost, never duplicated, however often the send step runs.
/// </summary>
[Collection("azurite")]
public sealed class OutboxDeliveryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "welfareflow-mail-" + Guid.NewGuid().ToString("N"));
    readonly FlakyStore store = new();
    readonly CancellationTokenSource stop = new();
    readonly int port = FreePort();
    Task? listening;

    public Task InitializeAsync()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        listening = new SmtpListener(options, services).StartAsync(stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        try { await listening!; } catch (OperationCanceledException) { }
        stop.Dispose();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Send_SmtpAnswers451ToFirstTwoAttempts_RetriesAndDeliversExactlyOnce()
    {
        store.FailNext(2);
        var outbox = Outbox(smtp: true);
        var mail = Mail("judge-invitation|judge-1|v1");

        await outbox.SendAsync(mail);
        await outbox.SendAsync(mail); // the step runs again (an activity retried): nothing more is sent

        Assert.Equal(3, store.DataCommands);
        var received = Assert.Single(store.Received);
        Assert.Equal("judge-1@judges.example", received.To.Mailboxes.Single().Address);
        Assert.Equal(mail.Subject, received.Subject);
    }

    [Fact]
    public async Task Send_SameKeyTwiceAtOnceWhileSmtpFails_DeliversExactlyOnce()
    {
        store.FailNext(2);
        var outbox = Outbox(smtp: true);
        var mail = Mail("district-invitation|gobong|v1");

        await Task.WhenAll(outbox.SendAsync(mail), outbox.SendAsync(mail), Outbox(smtp: true).SendAsync(mail));

        Assert.Single(store.Received);
        Assert.Equal(3, store.DataCommands);
    }

    [Fact]
    public async Task Send_SmtpDownForEveryAttempt_FailsThenDeliversOnceOnTheNextRun()
    {
        store.FailNext(1000);
        var outbox = Outbox(smtp: true);
        var mail = Mail("district-result|gobong");

        var failure = await Assert.ThrowsAsync<SmtpCommandException>(() => outbox.SendAsync(mail));
        Assert.Equal(451, (int)failure.StatusCode);
        Assert.Equal(MailTransport.SmtpRetryDelays.Count + 1, store.DataCommands);
        Assert.Empty(store.Received);

        // The server recovers; the next run of the step (the activity's retry) sends it, once.
        store.FailNext(0);
        await outbox.SendAsync(mail);
        await outbox.SendAsync(mail);
        Assert.Single(store.Received);
    }

    [Fact]
    public async Task Send_SameKeyTwiceToPickupFolder_WritesExactlyOneEml()
    {
        var outbox = Outbox(smtp: false);
        var mail = Mail("judge-reminder|judge-2|1");

        await outbox.SendAsync(mail);
        await outbox.SendAsync(mail);
        await Task.WhenAll(outbox.SendAsync(Mail("judge-reminder|judge-2|2")), outbox.SendAsync(Mail("judge-reminder|judge-2|2")));

        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([MailTransport.PickupFileName(mail), MailTransport.PickupFileName(Mail("judge-reminder|judge-2|2"))], files);
        Assert.Equal(mail.Subject, MimeMessage.Load(Path.Combine(folder, files[0]!)).Subject);
        // Claimed by one insert, marked sent with its ETag: sent, one attempt, no claim left.
        var row = (await Tables().Outbox.GetEntityAsync<OutboxRow>("mail-2024", mail.Key)).Value;
        Assert.Equal((true, 1, "", null), (row.Sent, row.Attempts, row.ClaimedBy, row.ClaimedUntil));
    }

    readonly string hub = "m" + Guid.NewGuid().ToString("N")[..11];

    WelfareTables Tables() => new(StorageAccount.FromConnectionString(azurite.ConnectionString), Options.Create(new WelfareFlowOptions { TaskHub = hub }));

    Outbox Outbox(bool smtp)
    {
        var tables = Tables();
        var mailOptions = new MailOptions { PickupDirectory = folder };
        if (smtp) mailOptions.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port };
        var transport = new MailTransport(Options.Create(mailOptions), NullLogger<MailTransport>.Instance, TimeProvider.System);
        return new Outbox(tables, transport, TimeProvider.System);
    }

    static OutgoingMail Mail(string key)
    {
        var to = key.Split('|')[1];
        var address = to.StartsWith("judge", StringComparison.Ordinal) ? $"{to}@judges.example" : $"{to}@goyang.example";
        var content = EmailTemplates.LinkReissued("2024년 복지업무 우수 동 성과보고회", to, "http://127.0.0.1/judge/abc.def");
        return new OutgoingMail("mail-2024", key, key.Split('|')[0], to, address, content.Subject, content.Text, content.Html);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Answers 451 "try again later" to the next N messages, then accepts and keeps each one.</summary>
    sealed class FlakyStore : MessageStore
    {
        int failures;
        int dataCommands;

        public ConcurrentQueue<MimeMessage> Received { get; } = new();

        public int DataCommands => Volatile.Read(ref dataCommands);

        public void FailNext(int count) => Volatile.Write(ref failures, count);

        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref dataCommands);
            if (Interlocked.Decrement(ref failures) >= 0)
            {
                return Task.FromResult(new SmtpResponse((SmtpReplyCode)451, "Requested action aborted: try again later"));
            }

            using var stream = new MemoryStream(buffer.ToArray());
            Received.Enqueue(MimeMessage.Load(stream));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
