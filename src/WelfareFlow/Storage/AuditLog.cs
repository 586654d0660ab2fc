using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

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
    readonly AuditKeys keyIndex = new();

    public async Task AppendAsync(string roundId, string actor, string action, string subject, object? before = null, object? after = null, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var at = time.GetUtcNow();
        // Shares a transaction with the round's other entries of the moment; the key is new, so it is always stored.
        await tables.AuditInserts.AddAsync(new AuditRow
        {
            PartitionKey = roundId,
            RowKey = AuditKeys.KeyOf(at),
            At = at,
            Actor = actor,
            Action = action,
            Subject = subject,
            Before = Serialize(before),
            After = Serialize(after),
        });
    }

    public async Task<List<AuditEntry>> ListAsync(string roundId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        return [.. (await AuditKeys.ReadAllAsync<AuditRow>(tables.Audit, roundId, select: null, time, cancellationToken)).Select(Entry)];
    }

    /// <summary>How many entries the round's audit has, and the page of them a paging (<paramref name="page"/>, from
    /// 1, of <paramref name="size"/>) shows, newest first. The keys of every entry come from <see cref="AuditKeys"/>
    /// (read once, then only the latest ones), the full rows of the page only: a round of thousands of cases has tens
    /// of thousands of entries.</summary>
    public async Task<(int Total, List<AuditEntry> Page)> NewestFirstAsync(string roundId, Func<int, (int Skip, int Take)> page, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var keys = await keyIndex.NewestFirstAsync(tables.Audit, roundId, time, cancellationToken);
        var (skip, take) = page(keys.Count);
        var shown = keys.Skip(skip).Take(take).ToHashSet(StringComparer.Ordinal);
        if (shown.Count == 0) return (keys.Count, []);

        // The page's keys are consecutive in key order: one range query reads them.
        var (from, to) = (shown.Min(StringComparer.Ordinal)!, shown.Max(StringComparer.Ordinal)!);
        var rows = await tables.Audit.QueryAsync<AuditRow>(r => r.PartitionKey == roundId && r.RowKey.CompareTo(from) >= 0 && r.RowKey.CompareTo(to) <= 0, cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);
        return (keys.Count, [.. rows.Where(r => shown.Contains(r.RowKey)).OrderByDescending(r => r.RowKey, StringComparer.Ordinal).Select(Entry)]);
    }

    static AuditEntry Entry(AuditRow r) => new(r.At, r.Actor, r.Action, r.Subject, r.Before, r.After);

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
