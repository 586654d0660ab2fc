using Azure.Data.Tables;

namespace WelfareFlow.Storage;

/// <summary>
/// Reads a whole partition, and when it is big, as a few key ranges side by side. A query's pages come one after
/// another, each waiting its turn in a busy store: at 3,500 cases (14,000 score rows) with 8 writers busy beside it,
/// one query took 550–850 ms on Azurite, 8 ranges side by side 220–350 ms. The first page (up to 1,000 rows) is read
/// alone, so a small partition still costs one call; only if there is more is the rest split. Only speed depends on
/// where it splits: the ranges together cover every key after the first page, whatever the split keys.
/// </summary>
public static class KeyRanges
{
    /// <summary>How many ranges the rest of a big partition is read in.</summary>
    public const int Count = 8;

    /// <summary>Every row of the partition in key order. <paramref name="splitAfter"/> gets the last key of the first
    /// page and names keys after it to split the rest at, in order (fewer than <see cref="Count"/> is fine).</summary>
    public static Task<List<T>> ReadAsync<T>(TableClient table, string partitionKey, string[]? select,
        Func<string, CancellationToken, Task<IReadOnlyList<string>>> splitAfter, CancellationToken cancellationToken) where T : class, ITableEntity =>
        ReadWhereAsync<T>(table, partitionKey, where: null, select, splitAfter, cancellationToken);

    /// <summary>The rows of the partition that also match <paramref name="where"/> (a filter, e.g. a key range or
    /// "changed since"), in key order, read as <see cref="ReadAsync"/> reads them: the rows a view reads again after a
    /// burst of writes (every score of a round locked) are as many as a full read's.</summary>
    public static async Task<List<T>> ReadWhereAsync<T>(TableClient table, string partitionKey, string? where, string[]? select,
        Func<string, CancellationToken, Task<IReadOnlyList<string>>> splitAfter, CancellationToken cancellationToken) where T : class, ITableEntity
    {
        var also = where is null ? "" : $" and ({where})";
        var first = await table.QueryAsync<T>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}") + also, maxPerPage: 1000, select: select, cancellationToken: cancellationToken)
            .AsPages().FirstAsync(cancellationToken);
        if (first.ContinuationToken is null || first.Values.Count == 0) return [.. first.Values];

        var last = first.Values[^1].RowKey;
        var splits = (await splitAfter(last, cancellationToken)).Where(k => string.CompareOrdinal(k, last) > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        var rest = await Task.WhenAll(Filters(partitionKey, last, splits).Select(filter =>
            table.QueryAsync<T>(filter + also, select: select, cancellationToken: cancellationToken).ToListAsync(cancellationToken).AsTask()));
        return [.. first.Values, .. rest.SelectMany(rows => rows)];
    }

    /// <summary>The ranges after <paramref name="after"/> split at <paramref name="splitAt"/>: (after, k1), [k1, k2) … [kn, —).</summary>
    static IEnumerable<string> Filters(string partitionKey, string after, IReadOnlyList<string> splitAt)
    {
        for (var i = 0; i <= splitAt.Count; i++)
        {
            var to = i == splitAt.Count ? null : splitAt[i];
            var from = i == 0
                ? TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey gt {after}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {splitAt[i - 1]}");
            yield return to is null ? from : from + TableClient.CreateQueryFilter($" and RowKey lt {to}");
        }
    }

    /// <summary>District ids that split a round's cases into about <see cref="Count"/> even parts: the first case of
    /// evenly spaced intake batches, which hold the judged cases in id order from the close on (one small query). None
    /// before the close.</summary>
    public static async Task<IReadOnlyList<string>> CaseSplitsAsync(TableClient rounds, string roundId, CancellationToken cancellationToken)
    {
        var from = IntakeBatchRow.Prefix;
        var to = IntakeBatchRow.Prefix[..^1] + "}";
        var firsts = new List<string>();
        await foreach (var row in rounds.QueryAsync<IntakeBatchRow>(r => r.PartitionKey == roundId && r.RowKey.CompareTo(from) >= 0 && r.RowKey.CompareTo(to) < 0,
            select: [nameof(IntakeBatchRow.RowKey), nameof(IntakeBatchRow.DistrictIds)], cancellationToken: cancellationToken))
        {
            if (row.Cases() is [var first, ..]) firsts.Add(first);
        }

        firsts.Sort(StringComparer.Ordinal);
        var parts = Math.Min(Count, firsts.Count);
        return parts < 2 ? [] : [.. Enumerable.Range(1, parts - 1).Select(i => firsts[i * firsts.Count / parts])];
    }
}
