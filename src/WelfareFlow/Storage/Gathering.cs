namespace WelfareFlow.Storage;

/// <summary>How long a busy <see cref="Gathering{TItem, TResult}"/> waits before each flush, what counts as busy (at
/// least <see cref="BusyCount"/> items handed in within <see cref="BusyWindow"/>), and how many flushes may run at
/// once (1: the next gathers while one runs; more: the next may start while others still wait for storage).</summary>
public sealed record GatherPace(TimeSpan Linger, int BusyCount, TimeSpan BusyWindow, int MaxFlushes = 1);

/// <summary>One caller's item in a flush; the flush completes it (or fails it) once its work is stored.</summary>
public sealed class Gathered<TItem, TResult>(TItem item)
{
    readonly TaskCompletionSource<TResult> done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TItem Item => item;
    public Task<TResult> Task => done.Task;
    public bool Completed => done.Task.IsCompleted;
    public void Complete(TResult result) => done.TrySetResult(result);
    public void Fail(Exception error) => done.TrySetException(error);
}

/// <summary>
/// Hands the work of callers who arrive at the same time to one flush, so that they share storage calls (group
/// commit): items that arrive while a flush runs go together in the next one. A lone item goes out at once; only
/// under load (<see cref="GatherPace"/>) does each flush first wait a little, so that items arriving meanwhile share
/// it, unless an urgent item arrives (<see cref="AddAsync"/>). Each caller's task completes only when the flush has done that caller's work: nothing is acknowledged before
/// it is stored, and an item a flush leaves undone fails instead of waiting for ever.
/// </summary>
public sealed class Gathering<TItem, TResult>(Func<IReadOnlyList<Gathered<TItem, TResult>>, Task> flush, GatherPace pace)
{
    readonly Lock gate = new();
    readonly List<Gathered<TItem, TResult>> waiting = [];
    readonly long[] arrivals = new long[Math.Max(1, pace.BusyCount)];
    int next;
    // Flushes running, and whether one of them is still gathering (has not taken the waiting items yet).
    int flushes;
    bool gathering;
    // Ends the current flush's wait early: an item whose caller should not wait for others arrived.
    TaskCompletionSource hurry = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="urgent">Flush without waiting for others (a waiting flush stops waiting): the item is what
    /// something downstream waits for, such as the last case of a batch.</param>
    public Task<TResult> AddAsync(TItem item, bool urgent = false)
    {
        var gathered = new Gathered<TItem, TResult>(item);
        lock (gate)
        {
            waiting.Add(gathered);
            if (urgent) hurry.TrySetResult();
            arrivals[next] = Environment.TickCount64;
            next = (next + 1) % arrivals.Length;
            if (gathering || flushes >= pace.MaxFlushes) return gathered.Task;
            gathering = true;
            flushes++;
        }

        _ = Task.Run(FlushAsync);
        return gathered.Task;
    }

    /// <summary>The last BusyCount items all arrived within the window (the oldest of them is at <c>next</c>).</summary>
    bool Busy()
    {
        lock (gate) return arrivals[next] != 0 && Environment.TickCount64 - arrivals[next] < pace.BusyWindow.TotalMilliseconds;
    }

    async Task FlushAsync()
    {
        while (true)
        {
            Task hurried;
            lock (gate) hurried = hurry.Task;
            if (Busy() && !hurried.IsCompleted) await Task.WhenAny(Task.Delay(pace.Linger), hurried);
            List<Gathered<TItem, TResult>> taken;
            lock (gate)
            {
                gathering = false;
                if (hurry.Task.IsCompleted) hurry = new(TaskCreationOptions.RunContinuationsAsynchronously);
                taken = [.. waiting];
                waiting.Clear();
            }

            if (taken.Count > 0)
            {
                try
                {
                    await flush(taken);
                }
                catch (Exception e)
                {
                    foreach (var item in taken) item.Fail(e);
                }

                foreach (var item in taken.Where(i => !i.Completed)) item.Fail(new InvalidOperationException("The flush left this item undone."));
            }

            lock (gate)
            {
                // Items that arrived while every flush was busy are this one's to gather next.
                if (taken.Count == 0 || waiting.Count == 0 || gathering)
                {
                    flushes--;
                    return;
                }

                gathering = true;
            }
        }
    }
}
