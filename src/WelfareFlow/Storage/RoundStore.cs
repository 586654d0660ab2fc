using Azure;
using Azure.Data.Tables;
using WelfareFlow.Contracts;

namespace WelfareFlow.Storage;

/// <summary>Rounds and their districts and judges.</summary>
public sealed class RoundStore(WelfareTables tables)
{
    // A round's definition never changes once its row is written (a create with another body is refused), so
    // the score path reads it from storage once per round and process.
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, RoundSettings> settings = new(StringComparer.Ordinal);

    // A judge's row changes only when an operator re-issues their link or replaces them. Link checks on the score
    // path read it through this short-lived cache; the change itself evicts it here (ForgetJudge), so this process
    // refuses a revoked link at once and another Server instance within JudgeCacheLifetime.
    readonly ShortLived<(string RoundId, string JudgeId), ParticipantRow?> judges = new(JudgeCacheLifetime, MaxCachedJudges);

    // Who sits on each round's panel (every judge, replaced ones too), for the cases' final steps and for the score
    // path's check whether a score filled a case's last seat: the same lifetime and eviction as the judges' rows (a
    // replacement adds a judge; ForgetJudge drops the round's panel).
    readonly ShortLived<string, IReadOnlyList<ParticipantRow>> panels = new(JudgeCacheLifetime, MaxCachedJudges);

    public static readonly TimeSpan JudgeCacheLifetime = TimeSpan.FromSeconds(5);
    const int MaxCachedJudges = 10_000;

    /// <summary>The round's settings, or null if there is no such round; cached, as they never change.</summary>
    public async Task<RoundSettings?> GetSettingsAsync(string roundId, CancellationToken cancellationToken = default)
    {
        if (settings.TryGetValue(roundId, out var known)) return known;
        var round = await GetAsync(roundId, cancellationToken);
        return round is null ? null : settings.GetOrAdd(roundId, round.Settings());
    }

    public async Task<RoundRow?> GetAsync(string roundId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var row = await tables.Rounds.GetEntityIfExistsAsync<RoundRow>(roundId, RoundRow.Key, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Every round row (one per partition), for the operators' list; newest first.</summary>
    public async Task<List<RoundRow>> ListRoundsAsync(CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var rows = await tables.Rounds.QueryAsync<RoundRow>(r => r.RowKey == RoundRow.Key, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.PartitionKey, StringComparer.Ordinal)];
    }

    /// <summary>Claims the round id; false if a round with that id exists already.</summary>
    public async Task<bool> TryAddAsync(RoundRow round, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        round.RowKey = RoundRow.Key;
        try
        {
            await tables.Rounds.AddEntityAsync(round, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Writes rows that must exist before the round starts; upserts, so a retry is harmless.</summary>
    public async Task SaveParticipantsAsync(string roundId, IEnumerable<ParticipantRow> districts, IEnumerable<ParticipantRow> judges, CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(
            UpsertAllAsync(tables.Districts, roundId, districts, cancellationToken),
            UpsertAllAsync(tables.Judges, roundId, judges, cancellationToken));
    }

    /// <summary>Changes a round row with If-Match, re-reading and re-applying on a conflict.</summary>
    public async Task<RoundRow> UpdateAsync(string roundId, Func<RoundRow, bool> change, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var row = await GetAsync(roundId, cancellationToken) ?? throw new InvalidOperationException($"Round '{roundId}' does not exist.");
            if (!change(row))
            {
                return row;
            }

            try
            {
                await tables.Rounds.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return row;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Someone else changed the round in between: apply the change to the fresh row.
            }
        }
    }

    /// <summary>Stores the cases that go to judging in batches of <paramref name="size"/>, in id order; returns
    /// how many batches. Inserts only: the cases do not change once intake is closed, and a repeated close must
    /// not wipe which cases of a batch are final.</summary>
    public async Task<int> SaveIntakeBatchesAsync(string roundId, IReadOnlyList<string> districtIds, int size, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var batches = districtIds.Order(StringComparer.Ordinal).Chunk(size).ToList();
        await Parallel.ForEachAsync(batches.Select((ids, i) => (ids, i)), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            try
            {
                await tables.Rounds.AddEntityAsync(new IntakeBatchRow { PartitionKey = roundId, RowKey = IntakeBatchRow.KeyOf(batch.i), DistrictIds = string.Join(',', batch.ids) }, ct);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Stored by an earlier attempt.
            }
        });
        return batches.Count;
    }

    public async Task<List<string>> GetIntakeBatchAsync(string roundId, int batch, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var row = await tables.Rounds.GetEntityIfExistsAsync<IntakeBatchRow>(roundId, IntakeBatchRow.KeyOf(batch), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.Cases() : [];
    }

    /// <summary>Records a case of a batch as final; true once every case of the batch is. Idempotent: a retried
    /// finalisation finds its case there already and gives the same answer.</summary>
    public async Task<bool> MarkFinalInBatchAsync(string roundId, int batch, string districtId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var (before, written) = await ConditionalWrite.ChangeAsync<IntakeBatchRow>(tables.Rounds, roundId, IntakeBatchRow.KeyOf(batch), row =>
        {
            if (row is null || row.FinalCases().Contains(districtId)) return null;
            row.FinalDistrictIds = string.Join(',', row.FinalCases().Append(districtId));
            return row;
        }, cancellationToken);
        var row = written ?? before ?? throw new InvalidOperationException($"Round '{roundId}' has no batch {batch}.");
        return row.FinalCases().Count >= row.Cases().Count;
    }

    /// <summary>Every district of the round; thousands in a national round, read in key ranges side by side
    /// (<see cref="KeyRanges"/>, split where the round's cases split: a district's id is its case's).</summary>
    public async Task<List<ParticipantRow>> GetDistrictsAsync(string roundId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        return await KeyRanges.ReadAsync<ParticipantRow>(tables.Districts, roundId, select: null, (_, ct) => KeyRanges.CaseSplitsAsync(tables.Rounds, roundId, ct), cancellationToken);
    }

    /// <summary>The names of the districts whose ids lie from <paramref name="fromId"/> to <paramref name="toId"/>: what
    /// one page of a round's cases in id order shows, one small range instead of the round's thousands of rows.</summary>
    public async Task<Dictionary<string, string>> GetDistrictNamesAsync(string roundId, string fromId, string toId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in tables.Districts.QueryAsync<ParticipantRow>(r => r.PartitionKey == roundId && r.RowKey.CompareTo(fromId) >= 0 && r.RowKey.CompareTo(toId) <= 0,
            select: [nameof(ParticipantRow.RowKey), nameof(ParticipantRow.Name)], cancellationToken: cancellationToken))
        {
            names[row.RowKey] = row.Name;
        }

        return names;
    }

    public Task<List<ParticipantRow>> GetJudgesAsync(string roundId, CancellationToken cancellationToken = default) =>
        ListAsync(tables.Judges, roundId, cancellationToken);

    public async Task<ParticipantRow?> GetDistrictAsync(string roundId, string districtId, CancellationToken cancellationToken = default) =>
        await GetOneAsync(tables.Districts, roundId, districtId, cancellationToken);

    public async Task<ParticipantRow?> GetJudgeAsync(string roundId, string judgeId, CancellationToken cancellationToken = default) =>
        await GetOneAsync(tables.Judges, roundId, judgeId, cancellationToken);

    /// <summary>The judge's row for checking their link: read at most once per <see cref="JudgeCacheLifetime"/>.
    /// Not for changing it (<see cref="ConditionalWrite"/> reads the row itself).</summary>
    public Task<ParticipantRow?> GetJudgeForLinkAsync(string roundId, string judgeId, CancellationToken cancellationToken = default) =>
        judges.GetAsync((roundId, judgeId), () => GetJudgeAsync(roundId, judgeId, cancellationToken));

    /// <summary>Called after a judge's row changed (link re-issued, judge replaced).</summary>
    public void ForgetJudge(string roundId, string judgeId)
    {
        judges.Forget((roundId, judgeId));
        panels.Forget(roundId);
    }

    /// <summary>Every judge id of the round, replaced ones too, in order (<see cref="GetPanelJudgesAsync"/>).</summary>
    public async Task<IReadOnlyList<string>> GetPanelAsync(string roundId, IEnumerable<string> mustInclude, CancellationToken cancellationToken = default) =>
        ScoreStore.PanelOf((await GetPanelJudgesAsync(roundId, mustInclude, cancellationToken)).Select(j => j.RowKey));

    /// <summary>Every judge of the round, replaced ones too: read at most once per <see cref="JudgeCacheLifetime"/>,
    /// or at once when <paramref name="mustInclude"/> names a judge the last read did not have (a replacement made by
    /// another Server instance that a case has seen already). The rows are shared: read them, never change them.</summary>
    public Task<IReadOnlyList<ParticipantRow>> GetPanelJudgesAsync(string roundId, IEnumerable<string> mustInclude, CancellationToken cancellationToken = default) =>
        panels.GetAsync(roundId,
            async () => (IReadOnlyList<ParticipantRow>)await GetJudgesAsync(roundId, cancellationToken),
            judges => mustInclude.All(id => judges.Any(j => string.Equals(j.RowKey, id, StringComparison.Ordinal))));

    async Task<ParticipantRow?> GetOneAsync(TableClient table, string roundId, string id, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var row = await table.GetEntityIfExistsAsync<ParticipantRow>(roundId, id, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    async Task<List<ParticipantRow>> ListAsync(TableClient table, string roundId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        return await table.QueryAsync<ParticipantRow>(r => r.PartitionKey == roundId, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }

    static async Task UpsertAllAsync(TableClient table, string roundId, IEnumerable<ParticipantRow> rows, CancellationToken cancellationToken)
    {
        // Bounded parallelism: thousands of rows must not open thousands of connections at once.
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (row, ct) =>
        {
            row.PartitionKey = roundId;
            await table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
        });
    }
}
