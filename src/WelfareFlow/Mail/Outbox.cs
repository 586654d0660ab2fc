using WelfareFlow.Storage;

namespace WelfareFlow.Mail;

/// <summary>
/// Sends each message key of a round once. A row is claimed before delivery and marked sent after;
/// a retried step finds it sent and skips it. A crash between delivery and marking can repeat the
/// delivery: the pickup file is then overwritten (same name) and SMTP gets the same Message-Id.
/// </summary>
public sealed class Outbox(WelfareTables tables, MailTransport transport, TimeProvider time)
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var (before, claimed) = await ConditionalWrite.ChangeAsync<OutboxRow>(tables.Outbox, mail.RoundId, mail.Key, current =>
        {
            if (current is { Sent: true })
            {
                return null;
            }

            var row = current ?? new OutboxRow { To = mail.ToAddress, Subject = mail.Subject, Kind = mail.Kind };
            row.Attempts++;
            return row;
        }, cancellationToken);
        if (claimed is null)
        {
            return;
        }

        try
        {
            await transport.DeliverAsync(mail, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await ConditionalWrite.ChangeAsync<OutboxRow>(tables.Outbox, mail.RoundId, mail.Key, row =>
            {
                if (row is null || row.Sent)
                {
                    return null;
                }

                row.LastError = e.GetType().Name + ": " + e.Message;
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
            return row;
        }, CancellationToken.None);
    }

    public async Task SendAllAsync(IEnumerable<OutgoingMail> mails, CancellationToken cancellationToken = default) =>
        await Parallel.ForEachAsync(mails, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (mail, ct) => await SendAsync(mail, ct));
}
