using Azure.Data.Tables;

namespace WelfareFlow.Storage;

/// <summary>
/// The keys of each round's audit entries, kept in memory so that paging the dashboard's audit does not read tens of
/// thousands of keys on every view (25,000 at 3,500 cases). The audit is append-only and its keys start with the
/// time of the entry, so after one full read a refresh reads only the keys of the last <see cref="Overlap"/> and
/// later: that window covers entries whose write was still in flight at the previous refresh and clocks of other
/// instances that run a little behind. A full read every <see cref="FullReadEvery"/> bounds what a clock further
/// off could hide.
/// </summary>
public sealed class AuditKeys
{
    static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30), FullReadEvery = TimeSpan.FromMinutes(5);

    sealed class RoundKeys
    {
        public readonly HashSet<string> Known = new(StringComparer.Ordinal);
        public List<string> NewestFirst = [];
        public DateTimeOffset ReadFrom;
        public long FullReadAt = long.MinValue / 2;
    }

    readonly PerRound<RoundKeys> rounds = new(maxRounds: 16);

    /// <summary>Sortable by time (the refresh relies on it); the GUID keeps two entries of one tick apart.</summary>
    public static string KeyOf(DateTimeOffset at) => $"{at.UtcTicks:D19}-{Guid.NewGuid():N}";

    /// <summary>Every key of the round's audit, newest first, as of now.</summary>
    public Task<IReadOnlyList<string>> NewestFirstAsync(TableClient audit, string roundId, TimeProvider time, CancellationToken cancellationToken) =>
        rounds.UseAsync<IReadOnlyList<string>>(roundId, async round =>
        {
            // Keys hold the entries' time by the round's clock; the full read is timed by the machine's (a test clock
            // may stand still or go back, and then everything is read again).
            var now = time.GetUtcNow();
            var full = Environment.TickCount64 - round.FullReadAt > FullReadEvery.TotalMilliseconds || now < round.ReadFrom;
            if (full) round.Known.Clear(); // drops the keys of entries removed with their round
            // A refresh after a burst (a score's entry each while a round is judged) reads in ranges as a full read does.
            var from = full ? null : TableClient.CreateQueryFilter($"RowKey ge {$"{(round.ReadFrom - Overlap).UtcTicks:D19}"}");
            round.Known.UnionWith((await ReadAsync<TableEntity>(audit, roundId, from, [nameof(ITableEntity.RowKey)], time, cancellationToken)).Select(row => row.RowKey));

            if (full) round.FullReadAt = Environment.TickCount64;
            round.ReadFrom = now;
            // (By count: keys added by a read that was cancelled halfway are listed by the next.)
            if (full || round.Known.Count != round.NewestFirst.Count)
            {
                // A new list, so a caller still paging the previous one is not disturbed.
                var keys = new List<string>(round.Known);
                keys.Sort(StringComparer.Ordinal);
                keys.Reverse();
                round.NewestFirst = keys;
            }

            return round.NewestFirst;
        }, cancellationToken);

    /// <summary>Every entry of a round's audit in key order (oldest first), a big audit read in ranges of equal time
    /// side by side (<see cref="KeyRanges"/>): from the last entry of the first page up to now.</summary>
    public static Task<List<T>> ReadAllAsync<T>(TableClient audit, string roundId, string[]? select, TimeProvider time, CancellationToken cancellationToken)
        where T : class, ITableEntity =>
        ReadAsync<T>(audit, roundId, where: null, select, time, cancellationToken);

    static Task<List<T>> ReadAsync<T>(TableClient audit, string roundId, string? where, string[]? select, TimeProvider time, CancellationToken cancellationToken)
        where T : class, ITableEntity =>
        KeyRanges.ReadWhereAsync<T>(audit, roundId, where, select, (after, _) => Task.FromResult(TimeSplits(after, time.GetUtcNow())), cancellationToken);

    static IReadOnlyList<string> TimeSplits(string after, DateTimeOffset now)
    {
        if (after.Length < 19 || !long.TryParse(after.AsSpan(0, 19), out var from) || now.UtcTicks <= from) return [];
        var span = now.UtcTicks - from;
        return [.. Enumerable.Range(1, KeyRanges.Count - 1).Select(i => $"{from + span * i / KeyRanges.Count:D19}")];
    }
}
