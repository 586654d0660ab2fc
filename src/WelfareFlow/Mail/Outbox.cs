using WelfareFlow.Storage;

namespace WelfareFlow.Mail;

/// <summary>
/// Sends each message key of a round once. A sender claims the row for a short lease before delivery and
/// marks it sent after; a retried step finds it sent and skips it, and a second sender of the same key at
/// the same time waits for the first instead of sending a copy (it takes over if the first fails or its
/// lease lapses, so nothing is lost). Only a crash between delivery and marking can repeat a delivery: the
/// pickup file is then overwritten (same name) and SMTP gets the same Message-Id.
/// </summary>
public sealed class Outbox(WelfareTables tables, MailTransport transport, TimeProvider time)
{
    /// <summary>Long enough for every SMTP attempt of one delivery (<see cref="MailTransport.SmtpRetryDelays"/>).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(1);

    static readonly TimeSpan ClaimPoll = TimeSpan.FromMilliseconds(250);

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var me = Guid.NewGuid().ToString("N");
        while (true)
        {
            var now = time.GetUtcNow();
            var sent = false;
            var (_, claimed) = await ConditionalWrite.ChangeAsync<OutboxRow>(tables.Outbox, mail.RoundId, mail.Key, current =>
            {
                sent = current is { Sent: true };
                if (sent || current is { ClaimedUntil: { } until } && until > now)
                {
                    return null;
                }

                var row = current ?? new OutboxRow { To = mail.ToAddress, Subject = mail.Subject, Kind = mail.Kind };
                row.Attempts++;
                row.ClaimedBy = me;
                row.ClaimedUntil = now + ClaimLease;
                return row;
            }, cancellationToken);
            if (sent)
            {
                return;
            }

            if (claimed is not null)
            {
                break;
            }

            // Someone else is delivering this key right now: wait for their outcome rather than send a copy.
            await Task.Delay(ClaimPoll, time, cancellationToken);
        }

        try
        {
            await transport.DeliverAsync(mail, cancellationToken);
        }
        catch (Exception e)
        {
            // Release the claim so the next attempt (ours or a waiting sender's) can deliver at once.
            await ConditionalWrite.ChangeAsync<OutboxRow>(tables.Outbox, mail.RoundId, mail.Key, row =>
            {
                if (row is null || row.Sent || row.ClaimedBy != me)
                {
                    return null;
                }

                row.LastError = e.GetType().Name + ": " + e.Message;
                row.ClaimedBy = "";
                row.ClaimedUntil = null;
                return row;
            }, CancellationToken.None);
            throw;
        }

        await ConditionalWrite.ChangeAsync<OutboxRow>(tables.Outbox, mail.RoundId, mail.Key, row =>
        {
            if (row is null || row.Sent)
            {
                return null;
            }

            row.Sent = true;
            row.SentAt = time.GetUtcNow();
            row.LastError = "";
            row.ClaimedBy = "";
            row.ClaimedUntil = null;
            return row;
        }, CancellationToken.None);
    }

    public async Task SendAllAsync(IEnumerable<OutgoingMail> mails, CancellationToken cancellationToken = default) =>
        await Parallel.ForEachAsync(mails, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (mail, ct) => await SendAsync(mail, ct));
}
