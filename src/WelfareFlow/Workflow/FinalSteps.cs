using System.Collections.Concurrent;
using WelfareFlow.Storage;

namespace WelfareFlow.Workflow;

/// <summary>
/// The final step of a case (<see cref="WorkflowActivities.FinalizeCase"/>): lock its seats, mark it final and tell
/// whether its batch has no open case left. A busy round finalises tens of cases a second, so the steps that run at
/// the same time share their storage calls (<see cref="Gathering{TItem, TResult}"/>): the round's panel (read at most
/// every few seconds), the locks of every case that saw its whole panel score in one transaction, the final statuses
/// and batch markers in another, one count per batch. At 3,500 cases that is about one storage call per case
/// instead of four (bench/README.md). A case the shared calls cannot serve (a seat it did not see scored, a row
/// missing) takes the single path of before; a failure fails only the cases it concerns, whose activity then fails as
/// it did alone.
/// </summary>
public sealed class FinalSteps
{
    // Busy: cases finishing at 10 a second or faster. A step then waits 0.1 s for others to share its calls (nothing
    // waits on it but the case's own last turn). Several flushes may run at once: each step holds one of the engine's
    // activity slots until its flush is done, and one flush after another (with the backend's default of 20 slots on
    // 2 cores) fell behind the scores; the Server now allows 100 (DurableOptions.MaxConcurrentActivityWorkItems).
    static readonly GatherPace Pace = new(Linger: TimeSpan.FromMilliseconds(100), BusyCount: 4, BusyWindow: TimeSpan.FromMilliseconds(400), MaxFlushes: 4);

    readonly RoundStore rounds;
    readonly CaseStore cases;
    readonly ScoreStore scores;
    readonly Gathering<CaseInBatch, CaseFinal> gathering;
    // How many of each batch's cases reached their final step on this instance. The step that completes its batch goes
    // without waiting for others: the round waits for the batch, and at the end of judging nobody else is coming. A
    // hint only: a step delivered twice, or cases finalised on another instance, merely end a wait early or not at all.
    readonly ConcurrentDictionary<(string RoundId, int Batch), int> reached = new();
    const int MaxBatchesTracked = 10_000;

    public FinalSteps(RoundStore rounds, CaseStore cases, ScoreStore scores)
    {
        this.rounds = rounds;
        this.cases = cases;
        this.scores = scores;
        gathering = new Gathering<CaseInBatch, CaseFinal>(FlushAsync, Pace);
    }

    public Task<CaseFinal> RunAsync(CaseInBatch step) => gathering.AddAsync(step, urgent: CompletesBatch(step));

    bool CompletesBatch(CaseInBatch step)
    {
        if (step.BatchSize <= 0) return false;
        if (reached.Count > MaxBatchesTracked) reached.Clear(); // batches finalised elsewhere never complete here
        var key = (step.RoundId, step.Batch);
        if (reached.AddOrUpdate(key, 1, (_, n) => n + 1) < step.BatchSize) return false;
        reached.TryRemove(key, out _);
        return true;
    }

    async Task FlushAsync(IReadOnlyList<Gathered<CaseInBatch, CaseFinal>> steps)
    {
        // One step per case: a transaction may not touch a row twice, and a case's step delivered twice (queues deliver
        // at least once) takes the answer of the first.
        var byCase = steps.GroupBy(s => (s.Item.RoundId, s.Item.DistrictId)).ToList();
        await Task.WhenAll(byCase.Select(c => c.First()).GroupBy(s => s.Item.RoundId, StringComparer.Ordinal).Select(round => FinalizeAsync(round.Key, [.. round])));
        foreach (var repeats in byCase.Where(c => c.Count() > 1))
        {
            var first = repeats.First().Task;
            foreach (var repeat in repeats.Skip(1))
            {
                if (first.IsCompletedSuccessfully) repeat.Complete(first.Result);
                else repeat.Fail(first.Exception?.InnerException ?? new InvalidOperationException("The case's final step did not complete."));
            }
        }
    }

    async Task FinalizeAsync(string roundId, List<Gathered<CaseInBatch, CaseFinal>> steps)
    {
        // The panel as this instance knows it (read at most every few seconds, and again at once when a case saw a
        // judge it lacks): a judge replaced here, or seen by the case, has a seat to lock. A replacement made on another
        // instance that the case has not seen yet may be missing for those seconds, as it was for the moment between a
        // fresh read and the lock; its judge's score on a locked case is refused by the seat check (Scoring).
        var panel = await rounds.GetPanelAsync(roundId, steps.SelectMany(s => s.Item.Scored ?? []));

        var locked = new ConcurrentDictionary<Gathered<CaseInBatch, CaseFinal>, IReadOnlyList<string>>();
        await Task.WhenAll(Transactions.Pack(steps.Where(s => ScoreStore.AllScored(panel, s.Item.Scored)), _ => panel.Count).Select(async group =>
        {
            try
            {
                await scores.MergeFinalAsync(roundId, [.. group.Select(s => (s.Item.DistrictId, (IReadOnlyList<string>)panel))]);
                foreach (var s in group) locked[s] = panel;
            }
            catch (Exception)
            {
                // A seat without a row (or a failed call): nothing of this transaction was written; each case locks alone below.
            }
        }));
        await EachAsync(steps.Where(s => !locked.ContainsKey(s)), async s => locked[s] = await scores.FinalizeCaseAsync(roundId, s.Item.DistrictId, panel, s.Item.Scored));

        var marking = steps.Where(s => !s.Completed).ToList();
        await Task.WhenAll(Transactions.Pack(marking, _ => 2).Select(async group =>
        {
            try
            {
                await cases.MarkFinalAsync(roundId, [.. group.Select(s => (s.Item.DistrictId, s.Item.Batch))]);
            }
            catch (Exception e)
            {
                foreach (var s in group) s.Fail(e);
            }
        }));

        // Every case of the group is marked before any batch is counted, so a batch they complete is reported (perhaps
        // by two of them: the round counts a batch once). Cases started before batches had markers (batch size 0 in
        // their input) count in the batch row, one at a time.
        var counted = steps.Where(s => !s.Completed && s.Item.BatchSize > 0).GroupBy(s => s.Item.Batch);
        await Task.WhenAll(counted.Select(async batch =>
        {
            try
            {
                var final = await cases.CountFinalInBatchAsync(roundId, batch.Key);
                foreach (var s in batch) s.Complete(new CaseFinal(locked[s], final >= s.Item.BatchSize));
            }
            catch (Exception e)
            {
                foreach (var s in batch) s.Fail(e);
            }
        }));
        await EachAsync(steps.Where(s => !s.Completed), async s =>
            s.Complete(new CaseFinal(locked[s], await rounds.MarkFinalInBatchAsync(roundId, s.Item.Batch, s.Item.DistrictId))));
    }

    /// <summary>Runs the step for each case at once; a case whose step throws fails alone.</summary>
    static Task EachAsync(IEnumerable<Gathered<CaseInBatch, CaseFinal>> steps, Func<Gathered<CaseInBatch, CaseFinal>, Task> step) =>
        Task.WhenAll(steps.ToList().Select(async s =>
        {
            try
            {
                await step(s);
            }
            catch (Exception e)
            {
                s.Fail(e);
            }
        }));
}
