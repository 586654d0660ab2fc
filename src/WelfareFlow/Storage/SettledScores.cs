using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace WelfareFlow.Storage;

/// <summary>
/// The score rows of a round for the views that show all of them (the round view, the dashboard's round page), with
/// the rows of final cases kept in memory. A final case's rows never change: the lock marks each Final and every
/// writer refuses a Final row. So a view reads from storage only the rows not final yet, plus, once, the rows of the
/// cases that became final since the previous view. At 3,500 cases a view read 14,000 rows; once the round is final
/// it reads none, and the operator's round view every 5 s while judging reads the open cases' rows only.
/// </summary>
public sealed class SettledScores
{
    /// <summary>Newly final cases are read one query each, up to this many (a hundred cases become final between two
    /// views at 3,500 cases: reading every final row each time cost more than the rows it saved); more, or more than
    /// <see cref="CasesReadOneByOneAtFirst"/> at a round's first view, in one query of every final row.</summary>
    const int CasesReadOneByOne = 256, CasesReadOneByOneAtFirst = 16;
    const int MaxRounds = 8;

    sealed class RoundRows
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public readonly Dictionary<string, ScoreRow> Final = new(StringComparer.Ordinal);
        public readonly HashSet<string> SettledCases = new(StringComparer.Ordinal);
    }

    readonly ConcurrentDictionary<string, RoundRows> rounds = new(StringComparer.Ordinal);

    /// <summary>Every score row of the round with <paramref name="columns"/> (which must include the keys, DistrictId
    /// and Final); <paramref name="finalCases"/> are the cases whose status is final (their lock is complete).</summary>
    public async Task<List<ScoreRow>> ListAsync(TableClient scores, string roundId, IEnumerable<string> finalCases, string[] columns, CancellationToken cancellationToken)
    {
        if (rounds.Count >= MaxRounds && !rounds.ContainsKey(roundId)) rounds.Clear();
        var round = rounds.GetOrAdd(roundId, _ => new RoundRows());
        await round.Gate.WaitAsync(cancellationToken);
        try
        {
            var newlyFinal = finalCases.Where(c => !round.SettledCases.Contains(c)).ToList();
            if (newlyFinal.Count > (round.SettledCases.Count == 0 ? CasesReadOneByOneAtFirst : CasesReadOneByOne))
            {
                await foreach (var row in scores.QueryAsync<ScoreRow>(r => r.PartitionKey == roundId && r.Final == true, select: columns, cancellationToken: cancellationToken))
                    round.Final[row.RowKey] = row;
            }
            else
            {
                var rows = new List<ScoreRow>[newlyFinal.Count];
                await Parallel.ForEachAsync(Enumerable.Range(0, newlyFinal.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
                {
                    var districtId = newlyFinal[i];
                    // RowKeys of a case are "{districtId}|…"; '}' sorts right after '|', bounding the range.
                    var (from, to) = (districtId + "|", districtId + "}");
                    rows[i] = await scores.QueryAsync<ScoreRow>(r => r.PartitionKey == roundId && r.RowKey.CompareTo(from) >= 0 && r.RowKey.CompareTo(to) < 0 && r.Final == true,
                        select: columns, cancellationToken: ct).ToListAsync(ct);
                });
                foreach (var row in rows.SelectMany(r => r)) round.Final[row.RowKey] = row;
            }

            round.SettledCases.UnionWith(newlyFinal);
            var open = await scores.QueryAsync<ScoreRow>(r => r.PartitionKey == roundId && r.Final == false, select: columns, cancellationToken: cancellationToken)
                .ToListAsync(cancellationToken);
            return [.. round.Final.Values, .. open];
        }
        finally
        {
            round.Gate.Release();
        }
    }
}
