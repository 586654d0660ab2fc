using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using WelfareFlow.Configuration;

namespace WelfareFlow.Mail;

/// <summary>Delivers a message: to the pickup folder as a .eml (named after its outbox key, so a repeat
/// overwrites instead of adding a copy) and by SMTP when a host is configured. Transient SMTP failures
/// (4xx replies, dropped connections) are retried with exponential backoff; permanent ones (5xx) are not.</summary>
public sealed class MailTransport(IOptions<MailOptions> options, ILogger<MailTransport> logger, TimeProvider time)
{
    /// <summary>Waits between SMTP attempts: 5 attempts in all, about 3 s, short enough for one activity run.
    /// If they all fail the outbox row stays unsent and the activity's own retry sends it later.</summary>
    public static readonly IReadOnlyList<TimeSpan> SmtpRetryDelays =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(1600)];

    /// <summary>SMTP connections open at once from this process. The relay sees the same few connections however
    /// many activities run at once (up to 100: cases escalated together each send their operators' mails).</summary>
    public const int MaxSmtpConnections = 16;

    readonly SemaphoreSlim connections = new(MaxSmtpConnections);

    public async Task DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = Build(mail, settings.From);
        if (!string.IsNullOrEmpty(settings.PickupDirectory))
        {
            await WritePickupAsync(message, mail, settings.PickupDirectory, cancellationToken);
        }

        if (!string.IsNullOrEmpty(settings.Smtp.Host))
        {
            await SendSmtpWithRetriesAsync(message, mail, settings.Smtp, cancellationToken);
        }

        logger.LogInformation("Mail {Kind} for round {RoundId} delivered to {Recipient}", mail.Kind, mail.RoundId, mail.ToAddress);
    }

    public static string PickupFileName(OutgoingMail mail)
    {
        var name = $"{mail.RoundId}__{mail.Key}";
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        return safe + ".eml";
    }

    static MimeMessage Build(OutgoingMail mail, string from)
    {
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            // Derived from the key, so the same message delivered twice carries the same id and can be deduplicated downstream.
            MessageId = $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(mail.RoundId + "|" + mail.Key)))[..32]}@welfareflow",
        };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        message.Headers.Add("X-WelfareFlow-Kind", mail.Kind);
        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();
        return message;
    }

    static async Task WritePickupAsync(MimeMessage message, OutgoingMail mail, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, PickupFileName(mail));
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await message.WriteToAsync(temp, cancellationToken);
        // Readers of the folder see whole files only.
        File.Move(temp, path, overwrite: true);
    }

    async Task SendSmtpWithRetriesAsync(MimeMessage message, OutgoingMail mail, SmtpOptions smtp, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await SendSmtpAsync(message, smtp, cancellationToken);
                return;
            }
            catch (Exception e) when (IsTransient(e) && attempt < SmtpRetryDelays.Count)
            {
                var delay = SmtpRetryDelays[attempt];
                logger.LogWarning(e, "SMTP attempt {Attempt} for {Kind} to {Recipient} failed; retrying in {Delay}", attempt + 1, mail.Kind, mail.ToAddress, delay);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    /// <summary>Worth another attempt: the server said "try again later" (4xx) or the connection failed.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    public static SecureSocketOptions SocketOptions(SmtpOptions smtp) => smtp.Security switch
    {
        SmtpSecurity.Auto when smtp.UseStartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Auto => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };

    async Task SendSmtpAsync(MimeMessage message, SmtpOptions smtp, CancellationToken cancellationToken)
    {
        await connections.WaitAsync(cancellationToken);
        try
        {
            await SendSmtpOnceAsync(message, smtp, cancellationToken);
        }
        finally
        {
            connections.Release();
        }
    }

    async Task SendSmtpOnceAsync(MimeMessage message, SmtpOptions smtp, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, SocketOptions(smtp), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (IsTransient(e))
        {
            // The server has accepted the message: failing now would make the retry send a copy.
            logger.LogDebug(e, "SMTP QUIT failed after the message was accepted");
        }
    }
}
