using Azure;
using Azure.Data.Tables;
using WelfareFlow.Storage;

namespace WelfareFlow.Mail;

/// <summary>
/// Sends each message key of a round once. A sender claims the row for a short lease before delivery and
/// marks it sent after; a retried step finds it sent and skips it, and a second sender of the same key at
/// the same time waits for the first instead of sending a copy (it takes over if the first fails or its
/// lease lapses, so nothing is lost). A key never tried before costs two storage calls (insert the claim, replace it
/// as sent with the insert's ETag); anything else reads first. Only a crash between delivery and marking can repeat a delivery: the
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
        var claim = await ClaimNewAsync(mail, me, cancellationToken) ?? await ClaimAsync(mail, me, cancellationToken);
        if (claim is null)
        {
            return; // sent already
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

        await MarkSentAsync(mail, claim);
    }

    /// <summary>Most keys were never tried: one insert claims the row (no read first). Null if the row exists.</summary>
    async Task<OutboxRow?> ClaimNewAsync(OutgoingMail mail, string me, CancellationToken cancellationToken)
    {
        var row = new OutboxRow
        {
            PartitionKey = mail.RoundId, RowKey = mail.Key, To = mail.ToAddress, Subject = mail.Subject, Kind = mail.Kind,
            Attempts = 1, ClaimedBy = me, ClaimedUntil = time.GetUtcNow() + ClaimLease,
        };
        try
        {
            row.ETag = (await tables.Outbox.AddEntityAsync(row, cancellationToken)).Headers.ETag ?? default;
            return row;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>A row that exists: sent already (null), claimed by another sender (wait for their outcome rather than
    /// send a copy), or free to claim. The claim returned carries no ETag: marking it sent reads the row again.</summary>
    async Task<OutboxRow?> ClaimAsync(OutgoingMail mail, string me, CancellationToken cancellationToken)
    {
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
                return null;
            }

            if (claimed is not null)
            {
                claimed.ETag = default;
                return claimed;
            }

            await Task.Delay(ClaimPoll, time, cancellationToken);
        }
    }

    /// <summary>With the claim's ETag, one replace; if the row changed since (or the claim had none), read and decide.</summary>
    async Task MarkSentAsync(OutgoingMail mail, OutboxRow claim)
    {
        static OutboxRow Sent(OutboxRow row, DateTimeOffset at)
        {
            row.Sent = true;
            row.SentAt = at;
            row.LastError = "";
            row.ClaimedBy = "";
            row.ClaimedUntil = null;
            return row;
        }

        if (claim.ETag != default)
        {
            try
            {
                await tables.Outbox.UpdateEntityAsync(Sent(claim, time.GetUtcNow()), claim.ETag, TableUpdateMode.Replace, CancellationToken.None);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                // Changed since the claim (its lease lapsed and another sender took over): decide on the fresh row.
            }
        }

        await ConditionalWrite.ChangeAsync<OutboxRow>(tables.Outbox, mail.RoundId, mail.Key, row => row is null || row.Sent ? null : Sent(row, time.GetUtcNow()), CancellationToken.None);
    }

    public async Task SendAllAsync(IEnumerable<OutgoingMail> mails, CancellationToken cancellationToken = default) =>
        await Parallel.ForEachAsync(mails, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (mail, ct) => await SendAsync(mail, ct));
}
