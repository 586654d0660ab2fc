using Azure.Data.Tables;
using WelfareFlow.Storage;

namespace WelfareFlow.Live;

/// <summary>The rows of the presentation day (<see cref="LiveStateRow"/>, <see cref="LiveCaseRow"/>).</summary>
public sealed class LiveStore(WelfareTables tables)
{
    public async Task<LiveStateRow> GetStateAsync(string roundId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var row = await tables.Rounds.GetEntityIfExistsAsync<LiveStateRow>(roundId, LiveStateRow.Key, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value! : new LiveStateRow { PartitionKey = roundId, RowKey = LiveStateRow.Key };
    }

    /// <summary>Whether the case is the one presenting: scores are taken only then.</summary>
    public async Task<bool> IsOpenAsync(string roundId, string districtId, CancellationToken cancellationToken = default)
    {
        var state = await GetStateAsync(roundId, cancellationToken);
        if (state.Current != districtId) return false;
        var row = await GetCaseAsync(roundId, districtId, cancellationToken);
        return row?.ClosedAt is null;
    }

    public async Task<(LiveStateRow? Before, LiveStateRow? Written)> ChangeStateAsync(string roundId, Func<LiveStateRow?, LiveStateRow?> decide, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        return await ConditionalWrite.ChangeAsync(tables.Rounds, roundId, LiveStateRow.Key, decide, cancellationToken);
    }

    public async Task<LiveCaseRow?> GetCaseAsync(string roundId, string districtId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var row = await tables.Rounds.GetEntityIfExistsAsync<LiveCaseRow>(roundId, LiveCaseRow.KeyOf(districtId), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Every case's row, by district id.</summary>
    public async Task<Dictionary<string, LiveCaseRow>> ListCasesAsync(string roundId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        const string from = LiveCaseRow.Prefix, to = "live}";
        var rows = await tables.Rounds.QueryAsync<LiveCaseRow>(r => r.PartitionKey == roundId && r.RowKey.CompareTo(from) >= 0 && r.RowKey.CompareTo(to) < 0, cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.RowKey[LiveCaseRow.Prefix.Length..], StringComparer.Ordinal);
    }

    /// <summary>Writes the running order (1 first). Upserts of positions only: a retry is harmless.</summary>
    public async Task SaveOrderAsync(string roundId, IReadOnlyList<string> districtIds, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var existing = await ListCasesAsync(roundId, cancellationToken);
        await Parallel.ForEachAsync(districtIds.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (c, ct) =>
        {
            var row = existing.GetValueOrDefault(c.id) ?? new LiveCaseRow { PartitionKey = roundId, RowKey = LiveCaseRow.KeyOf(c.id) };
            row.Order = c.i + 1;
            await tables.Rounds.UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
        });
    }

    /// <summary>Marks the case closed (or open again when <paramref name="closedAt"/> is null).</summary>
    public async Task SetClosedAsync(string roundId, string districtId, DateTimeOffset? closedAt, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        await ConditionalWrite.ChangeAsync<LiveCaseRow>(tables.Rounds, roundId, LiveCaseRow.KeyOf(districtId), current =>
        {
            var row = current ?? new LiveCaseRow();
            row.ClosedAt = closedAt;
            return row;
        }, cancellationToken);
    }
}
