using Azure;
using Azure.Data.Tables;

namespace WelfareFlow.Storage;

/// <summary>
/// Inserts rows into one table, sharing transactions between callers (<see cref="Gathering{TItem, TResult}"/>): rows
/// that arrive while a transaction is in flight go together in the next one (per partition, at most 25), so a busy
/// round pays one storage call for many score or audit rows, and a lone insert goes out at once, alone. Each caller's
/// task completes only when its own row is stored (or known to exist): nothing is acknowledged before it is written.
/// <para>Under load each transaction waits 40 ms before it goes, so that rows arriving meanwhile share it: at a
/// hundred score PUTs a second few rows arrived while one was in flight, so score and audit rows cost 7.7 of a case's
/// 51 storage calls (bench/README.md, 2026-12-03); waiting before every transaction, not only the first of a busy
/// spell, and 40 ms instead of 20 brought them to about 1.6. Only when rows arrive at 40 a second or faster, so a lone
/// insert or a steady trickle still goes out at once.</para>
/// </summary>
public sealed class GroupInserts
{
    // Well under a transaction's 4 MB even for audit rows at their largest (two 8,000-character excerpts of Korean text).
    const int MaxPerTransaction = 25;
    static readonly GatherPace Pace = new(Linger: TimeSpan.FromMilliseconds(40), BusyCount: 4, BusyWindow: TimeSpan.FromMilliseconds(100));

    readonly TableClient table;
    readonly Gathering<ITableEntity, bool> gathering;

    public GroupInserts(TableClient table)
    {
        this.table = table;
        gathering = new Gathering<ITableEntity, bool>(FlushAsync, Pace);
    }

    /// <summary>Inserts the row. True when this call stored it; false when a row with its keys already existed
    /// (then nothing was written). Storage failures other than that are thrown as the single insert would throw them.</summary>
    public Task<bool> AddAsync(ITableEntity row) => gathering.AddAsync(row);

    async Task FlushAsync(IReadOnlyList<Gathered<ITableEntity, bool>> rows)
    {
        // A transaction may not touch one entity twice: a repeated key goes in a later wave (and then finds its row there).
        var waves = rows.GroupBy(p => (p.Item.PartitionKey, p.Item.RowKey)).SelectMany(key => key.Select((p, i) => (p, i))).GroupBy(x => x.i, x => x.p).OrderBy(w => w.Key);
        foreach (var wave in waves)
        {
            await Task.WhenAll(wave.GroupBy(p => p.Item.PartitionKey).SelectMany(g => g.Chunk(MaxPerTransaction)).Select(CommitAsync));
        }
    }

    async Task CommitAsync(Gathered<ITableEntity, bool>[] rows)
    {
        if (rows.Length == 1)
        {
            await InsertAloneAsync(rows[0]);
            return;
        }

        try
        {
            await table.SubmitTransactionAsync(rows.Select(p => new TableTransactionAction(TableTransactionActionType.Add, p.Item)));
            foreach (var p in rows) p.Complete(true);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 400)
        {
            // One of them exists (or the group was refused as a whole): nothing was written; each decides alone.
            await Task.WhenAll(rows.Select(InsertAloneAsync));
        }
        catch (Exception e)
        {
            foreach (var p in rows) p.Fail(e);
        }
    }

    async Task InsertAloneAsync(Gathered<ITableEntity, bool> p)
    {
        try
        {
            await table.AddEntityAsync(p.Item);
            p.Complete(true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            p.Complete(false);
        }
        catch (Exception e)
        {
            p.Fail(e);
        }
    }
}
