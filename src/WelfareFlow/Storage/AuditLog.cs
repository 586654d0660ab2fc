using System.Text.Json;

namespace WelfareFlow.Storage;

public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Subject, string Before, string After);

/// <summary>Append-only record of every state change; kept when durable history is purged.</summary>
public sealed class AuditLog(WelfareTables tables, TimeProvider time)
{
    public async Task AppendAsync(string roundId, string actor, string action, string subject, object? before = null, object? after = null, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var at = time.GetUtcNow();
        await tables.Audit.AddEntityAsync(new AuditRow
        {
            PartitionKey = roundId,
            // Sortable by time; the GUID keeps two entries of one tick apart.
            RowKey = $"{at.UtcTicks:D19}-{Guid.NewGuid():N}",
            At = at,
            Actor = actor,
            Action = action,
            Subject = subject,
            Before = Serialize(before),
            After = Serialize(after),
        }, cancellationToken);
    }

    public async Task<List<AuditEntry>> ListAsync(string roundId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var rows = await tables.Audit.QueryAsync<AuditRow>(r => r.PartitionKey == roundId, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(r => new AuditEntry(r.At, r.Actor, r.Action, r.Subject, r.Before, r.After)).ToList();
    }

    static string Serialize(object? value) => value switch
    {
        null => "",
        string s => s,
        _ => JsonSerializer.Serialize(value, Json.Options),
    };
}
