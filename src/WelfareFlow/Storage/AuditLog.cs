using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WelfareFlow.Storage;

public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Subject, string Before, string After);

/// <summary>
/// Append-only record of every state change; kept when durable history is purged. A before or after longer than
/// <see cref="MaxStored"/> characters is kept as an excerpt with its length and SHA-256, so no client text can
/// push an audit row past the Table limit of 32 K characters a property (a 20,000-character summary of quotes
/// is 40,000 once serialised) and the edit is still audited; the full text stays on the case row.
/// </summary>
public sealed class AuditLog(WelfareTables tables, TimeProvider time)
{
    public const int MaxStored = 8_000, ExcerptLength = 2_000;

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

    public static string Serialize(object? value)
    {
        var text = value switch
        {
            null => "",
            string s => s,
            _ => JsonSerializer.Serialize(value, Json.Options),
        };
        if (text.Length <= MaxStored) return text;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return JsonSerializer.Serialize(new { excerpt = text[..ExcerptLength], length = text.Length, sha256 = hash }, Json.Options);
    }
}
