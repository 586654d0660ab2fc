using Azure;
using Azure.Data.Tables;

namespace WelfareFlow.Storage;

public enum WriteOutcome { Created, Updated, Closed }

/// <summary>Cases submitted by districts. Closing intake writes a row for every district, so a late
/// submission finds its row locked instead of racing the close.</summary>
public sealed class CaseStore(WelfareTables tables)
{
    // A case in judging never goes back to intake; whether it is final is decided by its score rows (locked
    // before the case is marked final). So the score path may remember "in judging" and skip re-reading it.
    readonly System.Collections.Concurrent.ConcurrentDictionary<(string Round, string District), bool> judged = new();

    /// <summary>The case as the score path needs it: a case once seen in judging (or final) is not read again and
    /// reads as <see cref="CaseStatus.Judging"/>; whether it is final the score write finds out.</summary>
    public async Task<CaseStatus?> GetStatusForScoringAsync(string roundId, string districtId, CancellationToken cancellationToken = default)
    {
        if (judged.ContainsKey((roundId, districtId))) return CaseStatus.Judging;
        var row = await GetAsync(roundId, districtId, cancellationToken);
        if (row?.Status is CaseStatus.Judging or CaseStatus.Final) judged.TryAdd((roundId, districtId), true);
        return row?.Status;
    }

    public async Task<CaseRow?> GetAsync(string roundId, string districtId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var row = await tables.Cases.GetEntityIfExistsAsync<CaseRow>(roundId, districtId, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    public async Task<List<CaseRow>> ListAsync(string roundId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        return await CaseRows(roundId, select: null, cancellationToken).ToListAsync(cancellationToken);
    }

    /// <summary>Every case's status (and title), without the summaries: up to 20,000 characters each, which
    /// the round view and the workflow's counts do not need. A big round is read in key ranges side by side
    /// (<see cref="KeyRanges"/>): at 3,500 cases its four pages one after another took 370 ms while the result mails
    /// went out.</summary>
    public async Task<List<CaseRow>> ListStatusesAsync(string roundId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        return await KeyRanges.ReadWhereAsync<CaseRow>(tables.Cases, roundId, TableClient.CreateQueryFilter($"RowKey lt {FinalMarker.Prefix}"),
            [nameof(CaseRow.PartitionKey), nameof(CaseRow.RowKey), nameof(CaseRow.Status), nameof(CaseRow.Title), nameof(CaseRow.Revision), nameof(CaseRow.UpdatedAt)],
            (_, ct) => KeyRanges.CaseSplitsAsync(tables.Rounds, roundId, ct), cancellationToken);
    }

    /// <summary>The round's case rows: its partition up to the batches' markers, which sort after every district.</summary>
    AsyncPageable<CaseRow> CaseRows(string roundId, IEnumerable<string>? select, CancellationToken cancellationToken) =>
        tables.Cases.QueryAsync<CaseRow>(r => r.PartitionKey == roundId && r.RowKey.CompareTo(FinalMarker.Prefix) < 0, select: select, cancellationToken: cancellationToken);

    public async Task<(WriteOutcome Outcome, CaseRow? Before, CaseRow? After)> SubmitAsync(
        string roundId, string districtId, string title, string summary, string category, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var (before, written) = await ConditionalWrite.ChangeAsync<CaseRow>(tables.Cases, roundId, districtId, current =>
        {
            if (current is not null && current.Status != CaseStatus.Submitted)
            {
                return null;
            }

            var row = current ?? new CaseRow { SubmittedAt = now };
            row.Title = title;
            row.Summary = summary;
            row.Category = category;
            row.Status = CaseStatus.Submitted;
            row.Revision++;
            row.UpdatedAt = now;
            return row;
        }, cancellationToken);

        var outcome = written is null ? WriteOutcome.Closed : before is null ? WriteOutcome.Created : WriteOutcome.Updated;
        return (outcome, before, written);
    }

    /// <summary>Locks intake for every district; returns the districts whose case goes to judging. Idempotent.</summary>
    public async Task<IReadOnlyList<string>> CloseAsync(string roundId, IEnumerable<string> districtIds, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var going = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(districtIds, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (districtId, ct) =>
        {
            var (before, written) = await ConditionalWrite.ChangeAsync<CaseRow>(tables.Cases, roundId, districtId, current => current switch
            {
                null => new CaseRow { Status = CaseStatus.NotSubmitted },
                { Status: CaseStatus.Submitted } => Mark(current, CaseStatus.Judging),
                _ => null,
            }, ct);
            var status = (written ?? before)!.Status;
            if (status != CaseStatus.NotSubmitted)
            {
                going.Add(districtId);
                // Seen in judging here: the case's first score need not read it again.
                judged.TryAdd((roundId, districtId), true);
            }
        });
        return going.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Final is the last status, so it is merged in without reading the row first, in one transaction with
    /// the case's marker in its batch (<see cref="FinalMarker"/>). Idempotent.</summary>
    public Task MarkFinalAsync(string roundId, string districtId, int batch, CancellationToken cancellationToken = default) =>
        MarkFinalAsync(roundId, [(districtId, batch)], cancellationToken);

    /// <summary>Marks cases of one round final, each with its batch's marker, in one transaction (two actions per case;
    /// pack them with <see cref="Transactions.Pack"/>). A case without a row has nothing to mark final but still counts
    /// in its batch: then each case is marked again alone.</summary>
    public async Task MarkFinalAsync(string roundId, IReadOnlyList<(string DistrictId, int Batch)> finals, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        static TableTransactionAction Marker(string roundId, string districtId, int batch) =>
            new(TableTransactionActionType.UpsertReplace, new TableEntity(roundId, FinalMarker.KeyOf(batch, districtId)));
        try
        {
            await tables.Cases.SubmitTransactionAsync(finals.SelectMany(f => new[]
            {
                new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(roundId, f.DistrictId) { [nameof(CaseRow.Status)] = WireNames.ToWire(CaseStatus.Final) }, ETag.All),
                Marker(roundId, f.DistrictId, f.Batch),
            }), cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404 && finals.Count > 1)
        {
            await Task.WhenAll(finals.Select(f => MarkFinalAsync(roundId, [f], cancellationToken)));
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            // No case row (nothing to mark final): the batch still counts the case.
            await tables.Cases.SubmitTransactionAsync([Marker(roundId, finals[0].DistrictId, finals[0].Batch)], cancellationToken);
        }
    }

    /// <summary>How many cases of the batch are marked final: one query of at most a batch's small rows.</summary>
    public async Task<int> CountFinalInBatchAsync(string roundId, int batch, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var (from, to) = FinalMarker.RangeOf(batch);
        return await tables.Cases.QueryAsync<TableEntity>(r => r.PartitionKey == roundId && r.RowKey.CompareTo(from) >= 0 && r.RowKey.CompareTo(to) < 0,
            select: [nameof(TableEntity.RowKey)], cancellationToken: cancellationToken).CountAsync(cancellationToken);
    }

    static CaseRow Mark(CaseRow row, CaseStatus status)
    {
        row.Status = status;
        return row;
    }
}
