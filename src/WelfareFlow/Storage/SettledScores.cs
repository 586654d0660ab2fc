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
    /// <summary>More newly final cases than this are read in one query of every final row, not one query each.</summary>
    const int CasesReadOneByOne = 16;
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
            if (newlyFinal.Count > CasesReadOneByOne)
            {
                await foreach (var row in scores.QueryAsync<ScoreRow>(r => r.PartitionKey == roundId && r.Final == true, select: columns, cancellationToken: cancellationToken))
                    round.Final[row.RowKey] = row;
            }
            else
            {
                var rows = await Task.WhenAll(newlyFinal.Select(async districtId =>
                {
                    // RowKeys of a case are "{districtId}|…"; '}' sorts right after '|', bounding the range.
                    var (from, to) = (districtId + "|", districtId + "}");
                    return await scores.QueryAsync<ScoreRow>(r => r.PartitionKey == roundId && r.RowKey.CompareTo(from) >= 0 && r.RowKey.CompareTo(to) < 0 && r.Final == true,
                        select: columns, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
                }));
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
