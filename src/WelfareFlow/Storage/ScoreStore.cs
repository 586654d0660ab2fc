using Azure;
using Azure.Data.Tables;

namespace WelfareFlow.Storage;

/// <summary>One row per case and judge. Finalising a case marks every judge's row final (writing an
/// unscored placeholder where a judge never scored), so a late revision finds the row locked.</summary>
/// <param name="settledMargin">See <see cref="SettledScores"/>.</param>
public sealed class ScoreStore(WelfareTables tables, TimeSpan? settledMargin = null)
{
    readonly SettledScores settled = new(settledMargin);

    public async Task<List<ScoreRow>> ListAsync(string roundId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        return await tables.Scores.QueryAsync<ScoreRow>(r => r.PartitionKey == roundId, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }

    /// <summary>Who scored what, without the points and comments: what the workflow's reminders and re-raised events
    /// need, a fraction of the bytes of <see cref="ListAsync"/> at thousands of cases.</summary>
    public async Task<List<ScoreRow>> ListSeatsAsync(string roundId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        return await tables.Scores.QueryAsync<ScoreRow>(r => r.PartitionKey == roundId, select: SeatColumns, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }

    static readonly string[] SeatColumns =
        [nameof(ScoreRow.PartitionKey), nameof(ScoreRow.RowKey), nameof(ScoreRow.DistrictId), nameof(ScoreRow.JudgeId), nameof(ScoreRow.Scored), nameof(ScoreRow.Final), nameof(ScoreRow.ScoredAt), nameof(ScoreRow.Recused)];

    static readonly string[] PointColumns = [.. SeatColumns, nameof(ScoreRow.CriteriaJson)];

    /// <summary>Every score with its points but without the comments (up to 5,000 characters each): what the
    /// dashboard's case × judge matrix and the round view need. Final rows come from memory after their first read
    /// (<see cref="SettledScores"/>).</summary>
    public async Task<List<ScoreRow>> ListPointsAsync(string roundId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        return await settled.ListAsync(tables.Scores, roundId, PointColumns, ct => KeyRanges.CaseSplitsAsync(tables.Rounds, roundId, ct), cancellationToken);
    }

    public Task<List<ScoreRow>> ListForCaseAsync(string roundId, string districtId, CancellationToken cancellationToken = default) =>
        ListForCaseAsync(roundId, districtId, select: null, cancellationToken);

    /// <summary>The case's rows without points and comments: who scored, recused, is locked (for <c>JudgeSeats.Of</c>;
    /// read after every score PUT, so it carries no more than that).</summary>
    public Task<List<ScoreRow>> ListSeatsForCaseAsync(string roundId, string districtId, CancellationToken cancellationToken = default) =>
        ListForCaseAsync(roundId, districtId, SeatColumns, cancellationToken);

    async Task<List<ScoreRow>> ListForCaseAsync(string roundId, string districtId, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        // RowKeys of a case are "{districtId}|…"; '}' sorts right after '|', bounding the range.
        var from = districtId + "|";
        var to = districtId + "}";
        return await tables.Scores.QueryAsync<ScoreRow>(r => r.PartitionKey == roundId && r.RowKey.CompareTo(from) >= 0 && r.RowKey.CompareTo(to) < 0, select: select, cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);
    }

    public async Task<(WriteOutcome Outcome, ScoreRow? Before, ScoreRow? After)> SaveAsync(
        string roundId, string districtId, string judgeId, string criteriaJson, string comment, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        // Most saves are a judge's first score of a case: one insert, no read. Only when the row exists (a
        // revision, or the lock written when the case became final) does it read and replace with If-Match.
        var first = new ScoreRow
        {
            PartitionKey = roundId, RowKey = ScoreRow.KeyOf(districtId, judgeId), DistrictId = districtId, JudgeId = judgeId,
            CriteriaJson = criteriaJson, Comment = comment, Scored = true, Revision = 1, ScoredAt = now,
        };
        // The insert shares a transaction with the round's other first scores of the moment.
        if (await tables.ScoreInserts.AddAsync(first))
        {
            return (WriteOutcome.Created, null, first);
        }

        // The row exists: decide on what it holds.
        var (before, written) = await ConditionalWrite.ChangeAsync<ScoreRow>(tables.Scores, roundId, ScoreRow.KeyOf(districtId, judgeId), current =>
        {
            if (current is { Final: true } or { Recused: true })
            {
                return null;
            }

            var row = current ?? new ScoreRow { DistrictId = districtId, JudgeId = judgeId };
            row.CriteriaJson = criteriaJson;
            row.Comment = comment;
            row.Scored = true;
            row.Revision++;
            row.ScoredAt = now;
            return row;
        }, cancellationToken);

        var outcome = written is null ? WriteOutcome.Closed : before is { Scored: true } ? WriteOutcome.Updated : WriteOutcome.Created;
        return (outcome, before, written);
    }

    /// <summary>Locks the case's scores; returns the judges whose scores count, in order. Idempotent. When every
    /// judge is among <paramref name="scored"/> (what the case saw), each row exists and stays scored (a judge who
    /// scored cannot recuse), so one transaction merges the Final flag into them without reading: a revision racing
    /// it keeps its points, and one after it finds the row final. Otherwise (or if a row is missing after all), one
    /// query and one transaction per 100 judges (rows of one case share a partition): each existing row is replaced
    /// with If-Match, each missing one inserted, so a revision racing the lock makes the transaction fail and the
    /// lock is decided again.</summary>
    public async Task<IReadOnlyList<string>> FinalizeCaseAsync(
        string roundId, string districtId, IEnumerable<string> judgeIds, IEnumerable<string>? scored = null, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var judges = PanelOf(judgeIds);
        if (AllScored(judges, scored))
        {
            try
            {
                await MergeFinalAsync(roundId, [(districtId, judges)], cancellationToken);
                return judges;
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // A seat without a row: decide on what the table holds.
            }
        }

        for (var attempt = 0; ; attempt++)
        {
            var current = (await ListForCaseAsync(roundId, districtId, cancellationToken)).ToDictionary(r => r.JudgeId, StringComparer.Ordinal);
            var locked = judges.Select(judgeId => current.TryGetValue(judgeId, out var row) ? row : new ScoreRow
            {
                PartitionKey = roundId, RowKey = ScoreRow.KeyOf(districtId, judgeId), DistrictId = districtId, JudgeId = judgeId,
            }).ToList();
            var actions = locked.Where(r => !r.Final).Select(r =>
            {
                var exists = current.ContainsKey(r.JudgeId);
                r.Final = true;
                return new TableTransactionAction(exists ? TableTransactionActionType.UpdateReplace : TableTransactionActionType.Add, r, r.ETag);
            }).ToList();
            try
            {
                foreach (var chunk in actions.Chunk(Transactions.MaxActions))
                {
                    await tables.Scores.SubmitTransactionAsync(chunk, cancellationToken);
                }

                return [.. locked.Where(r => r.Scored).Select(r => r.JudgeId).Order(StringComparer.Ordinal)];
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < 50)
            {
                // A score or another lock changed a row since the query: decide again on fresh rows.
                await Task.Delay(Random.Shared.Next(5, 20 + attempt * 10), cancellationToken);
            }
        }
    }

    /// <summary>The seats to lock: each judge once, in order.</summary>
    public static List<string> PanelOf(IEnumerable<string> judgeIds) => [.. judgeIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Whether the case saw every seat of <paramref name="panel"/> score, so its lock needs no read
    /// (<see cref="MergeFinalAsync"/>); at most 100 seats, one transaction's worth.</summary>
    public static bool AllScored(IReadOnlyList<string> panel, IEnumerable<string>? scored)
    {
        var seen = (scored ?? []).ToHashSet(StringComparer.Ordinal);
        return panel.Count is > 0 and <= Transactions.MaxActions && panel.All(seen.Contains);
    }

    /// <summary>Merges the Final flag into the rows of cases that saw every seat score (<see cref="AllScored"/>),
    /// without reading, in one transaction (the cases of one round share a partition; pack them with
    /// <see cref="Transactions.Pack"/>). A missing row fails it with 404, and then nothing of it is written.</summary>
    public async Task MergeFinalAsync(string roundId, IReadOnlyList<(string DistrictId, IReadOnlyList<string> Panel)> cases, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        await tables.Scores.SubmitTransactionAsync(cases.SelectMany(c => c.Panel.Select(judgeId => new TableTransactionAction(TableTransactionActionType.UpdateMerge,
            new TableEntity(roundId, ScoreRow.KeyOf(c.DistrictId, judgeId)) { [nameof(ScoreRow.Final)] = true }, ETag.All))), cancellationToken);
    }
}
