using Azure.Data.Tables;

namespace WelfareFlow.Storage;

/// <summary>
/// The score rows of a round for the views that show all of them (the round view, the dashboard's round page), with
/// the final rows kept in memory. A final row never changes: the lock marks it Final and every writer refuses a Final
/// row. So after a round's first view (every row, one query), a view asks for the rows not final yet and the rows
/// written since the previous view, in one query: by the storage's own Timestamp, from the newest one seen less a
/// margin (for writes that commit out of order), which also brings the rows locked since. At 3,500 cases a view read
/// 14,000 rows, or one query per case final since the previous view; while judging it now reads the open rows and
/// those of the last seconds, once the round is final next to none. Every <see cref="FullReadEvery"/> a view reads
/// every row again. Either read goes in key ranges side by side (<see cref="KeyRanges"/>): the first view after the
/// round's scores were locked reads them all again (852 ms in one query at 3,500 cases while the result mails went
/// out).
/// </summary>
/// <param name="margin">How far before the newest Timestamp seen the next view reads again (10 s; tests use 0 to see
/// that final rows really come from memory).</param>
public sealed class SettledScores(TimeSpan? margin = null)
{
    readonly TimeSpan rereadMargin = margin ?? TimeSpan.FromSeconds(10);
    static readonly TimeSpan FullReadEvery = TimeSpan.FromMinutes(5);

    sealed class RoundRows
    {
        public readonly Dictionary<string, ScoreRow> Final = new(StringComparer.Ordinal);
        /// <summary>The newest Timestamp read (the storage's clock, not this instance's).</summary>
        public DateTimeOffset? Newest;
        public long FullReadAt;
        /// <summary>Where a full read splits; asked for again while there is none (before the close).</summary>
        public IReadOnlyList<string> SplitAt = [];
    }

    readonly PerRound<RoundRows> rounds = new(maxRounds: 8);

    /// <summary>Every score row of the round with <paramref name="columns"/> (which must include the keys and Final).
    /// <paramref name="splitKeys"/> names RowKeys at which a full read of a big round splits (<see cref="KeyRanges"/>).</summary>
    public Task<List<ScoreRow>> ListAsync(TableClient scores, string roundId, string[] columns,
        Func<CancellationToken, Task<IReadOnlyList<string>>> splitKeys, CancellationToken cancellationToken) =>
        rounds.UseAsync(roundId, round => ReadAsync(scores, roundId, columns, splitKeys, round, cancellationToken), cancellationToken);

    async Task<List<ScoreRow>> ReadAsync(TableClient scores, string roundId, string[] columns,
        Func<CancellationToken, Task<IReadOnlyList<string>>> splitKeys, RoundRows round, CancellationToken cancellationToken)
    {
        try
        {
            var full = round.Newest is null || Environment.TickCount64 - round.FullReadAt > FullReadEvery.TotalMilliseconds;
            string[] select = [.. columns, nameof(ScoreRow.Timestamp)];
            if (full)
            {
                round.Final.Clear();
                round.FullReadAt = Environment.TickCount64;
            }

            // After a burst (every score of a round locked at once) the rows to read again are as many as a full
            // read's: read in key ranges as well.
            var where = full ? null : TableClient.CreateQueryFilter($"Final eq false or Timestamp ge {round.Newest!.Value - rereadMargin}");
            var rows = await KeyRanges.ReadWhereAsync<ScoreRow>(scores, roundId, where, select, async (_, ct) =>
                round.SplitAt.Count > 0 ? round.SplitAt : round.SplitAt = await splitKeys(ct), cancellationToken);

            var open = new List<ScoreRow>();
            foreach (var row in rows)
            {
                if (round.Newest is null || row.Timestamp > round.Newest) round.Newest = row.Timestamp;
                if (row.Final) round.Final[row.RowKey] = row;
                else open.Add(row);
            }

            return [.. round.Final.Values, .. open];
        }
        catch
        {
            // A read that stopped half-way may have moved Newest past rows it never saw: the next view reads all.
            round.Newest = null;
            throw;
        }
    }
}
