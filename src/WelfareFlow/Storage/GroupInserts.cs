using Azure;
using Azure.Data.Tables;

namespace WelfareFlow.Storage;

/// <summary>
/// Inserts rows into one table, sharing transactions between callers: rows that arrive while a transaction is in
/// flight go together in the next one (per partition, at most 25), so a busy round pays one storage call for many
/// score or audit rows, and a lone insert goes out at once, alone. Each caller's task completes only when its own
/// row is stored (or known to exist): nothing is acknowledged before it is written.
/// <para>Under load a transaction waits <see cref="Linger"/> before it goes, so that rows arriving meanwhile share it:
/// at a hundred score PUTs a second few rows arrived while one was in flight, so score and audit rows cost 7.7 of a
/// case's 51 storage calls (bench/README.md, 2026-12-03). Only when rows arrive faster than <see cref="BusyRate"/> a
/// second, so a lone insert or a steady trickle still goes out at once.</para>
/// </summary>
public sealed class GroupInserts(TableClient table)
{
    // Well under a transaction's 4 MB even for audit rows at their largest (two 8,000-character excerpts of Korean text).
    const int MaxPerTransaction = 25;
    static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(20);
    const int BusyRate = 40;
    readonly long[] recent = new long[BusyRate / 10];
    int next;

    sealed record Pending(ITableEntity Row, TaskCompletionSource<bool> Stored);

    readonly Lock gate = new();
    readonly List<Pending> waiting = [];
    bool flushing;

    /// <summary>Inserts the row. True when this call stored it; false when a row with its keys already existed
    /// (then nothing was written). Storage failures other than that are thrown as the single insert would throw them.</summary>
    public Task<bool> AddAsync(ITableEntity row)
    {
        var pending = new Pending(row, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool busy;
        lock (gate)
        {
            waiting.Add(pending);
            // Busy: the last BusyRate / 10 rows all arrived within 100 ms.
            var now = Environment.TickCount64;
            busy = now - recent[next] < 100;
            recent[next] = now;
            next = (next + 1) % recent.Length;
            if (flushing) return pending.Stored.Task;
            flushing = true;
        }

        _ = Task.Run(() => FlushAsync(busy));
        return pending.Stored.Task;
    }

    async Task FlushAsync(bool busy)
    {
        if (busy) await Task.Delay(Linger);
        while (true)
        {
            List<Pending> taken;
            lock (gate)
            {
                if (waiting.Count == 0)
                {
                    flushing = false;
                    return;
                }

                taken = [.. waiting];
                waiting.Clear();
            }

            // A transaction may not touch one entity twice: a repeated key waits for the next round (and then finds
            // its row there).
            var keys = new HashSet<(string, string)>();
            var later = taken.Where(p => !keys.Add((p.Row.PartitionKey, p.Row.RowKey))).ToList();
            if (later.Count > 0)
            {
                lock (gate) waiting.InsertRange(0, later);
            }

            var transactions = taken.Except(later).GroupBy(p => p.Row.PartitionKey).SelectMany(g => g.Chunk(MaxPerTransaction));
            await Task.WhenAll(transactions.Select(CommitAsync));
        }
    }

    async Task CommitAsync(Pending[] rows)
    {
        if (rows.Length == 1)
        {
            await InsertAloneAsync(rows[0]);
            return;
        }

        try
        {
            await table.SubmitTransactionAsync(rows.Select(p => new TableTransactionAction(TableTransactionActionType.Add, p.Row)));
            foreach (var p in rows) p.Stored.TrySetResult(true);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 400)
        {
            // One of them exists (or the group was refused as a whole): nothing was written; each decides alone.
            await Task.WhenAll(rows.Select(InsertAloneAsync));
        }
        catch (Exception e)
        {
            foreach (var p in rows) p.Stored.TrySetException(e);
        }
    }

    async Task InsertAloneAsync(Pending p)
    {
        try
        {
            await table.AddEntityAsync(p.Row);
            p.Stored.TrySetResult(true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            p.Stored.TrySetResult(false);
        }
        catch (Exception e)
        {
            p.Stored.TrySetException(e);
        }
    }
}
