using Azure;

namespace WelfareFlow.Storage;

/// <summary>One row per case and judge. Finalising a case marks every judge's row final (writing an
/// unscored placeholder where a judge never scored), so a late revision finds the row locked.</summary>
public sealed class ScoreStore(WelfareTables tables)
{
    public async Task<List<ScoreRow>> ListAsync(string roundId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        return await tables.Scores.QueryAsync<ScoreRow>(r => r.PartitionKey == roundId, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }

    /// <summary>Who scored what, without the points and comments: what the round view and reminders need, a
    /// fraction of the bytes of <see cref="ListAsync"/> at thousands of cases.</summary>
    public async Task<List<ScoreRow>> ListSeatsAsync(string roundId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        return await tables.Scores.QueryAsync<ScoreRow>(r => r.PartitionKey == roundId,
            select: [nameof(ScoreRow.PartitionKey), nameof(ScoreRow.RowKey), nameof(ScoreRow.DistrictId), nameof(ScoreRow.JudgeId), nameof(ScoreRow.Scored), nameof(ScoreRow.Final), nameof(ScoreRow.ScoredAt)], cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);
    }

    public async Task<List<ScoreRow>> ListForCaseAsync(string roundId, string districtId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        // RowKeys of a case are "{districtId}|…"; '}' sorts right after '|', bounding the range.
        var from = districtId + "|";
        var to = districtId + "}";
        return await tables.Scores.QueryAsync<ScoreRow>(r => r.PartitionKey == roundId && r.RowKey.CompareTo(from) >= 0 && r.RowKey.CompareTo(to) < 0, cancellationToken: cancellationToken)
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
        try
        {
            await tables.Scores.AddEntityAsync(first, cancellationToken);
            return (WriteOutcome.Created, null, first);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // The row exists: decide on what it holds.
        }

        var (before, written) = await ConditionalWrite.ChangeAsync<ScoreRow>(tables.Scores, roundId, ScoreRow.KeyOf(districtId, judgeId), current =>
        {
            if (current is { Final: true })
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

    /// <summary>Locks the case's scores; returns them as locked. Idempotent.</summary>
    public async Task<IReadOnlyList<ScoreRow>> FinalizeCaseAsync(string roundId, string districtId, IEnumerable<string> judgeIds, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var locked = new System.Collections.Concurrent.ConcurrentBag<ScoreRow>();
        await Parallel.ForEachAsync(judgeIds, cancellationToken, async (judgeId, ct) =>
        {
            var (before, written) = await ConditionalWrite.ChangeAsync<ScoreRow>(tables.Scores, roundId, ScoreRow.KeyOf(districtId, judgeId), current =>
            {
                if (current is { Final: true })
                {
                    return null;
                }

                var row = current ?? new ScoreRow { DistrictId = districtId, JudgeId = judgeId };
                row.Final = true;
                return row;
            }, ct);
            locked.Add((written ?? before)!);
        });
        return locked.OrderBy(r => r.JudgeId, StringComparer.Ordinal).ToList();
    }
}
