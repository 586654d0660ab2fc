using Azure;
using Azure.Data.Tables;

namespace WelfareFlow.Storage;

/// <summary>Rounds and their districts and judges.</summary>
public sealed class RoundStore(WelfareTables tables)
{
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

    public Task<List<ParticipantRow>> GetDistrictsAsync(string roundId, CancellationToken cancellationToken = default) =>
        ListAsync(tables.Districts, roundId, cancellationToken);

    public Task<List<ParticipantRow>> GetJudgesAsync(string roundId, CancellationToken cancellationToken = default) =>
        ListAsync(tables.Judges, roundId, cancellationToken);

    public async Task<ParticipantRow?> GetDistrictAsync(string roundId, string districtId, CancellationToken cancellationToken = default) =>
        await GetOneAsync(tables.Districts, roundId, districtId, cancellationToken);

    public async Task<ParticipantRow?> GetJudgeAsync(string roundId, string judgeId, CancellationToken cancellationToken = default) =>
        await GetOneAsync(tables.Judges, roundId, judgeId, cancellationToken);

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
