using System.Diagnostics;

namespace WelfareFlow.Load;

/// <summary>The product path of one round: submissions, close, every judge scoring every case with C concurrent
/// clients, until every case is final and results are allocated; then the big-round reads an operator makes.</summary>
public static class ProductRun
{
    public sealed record Figures(
        int Cases, double CloseToLinksSeconds, double CloseToCasesWaitingSeconds, DateTimeOffset JudgingFrom, double JudgingSeconds, double CasesPerSecond, Percentiles ScorePut,
        double LastScoreToResultsSeconds, double LongestWithoutProgressSeconds, Reads BigRoundReads, double LastScoreToMailsSeconds, Reads QuietReads);

    /// <summary>Milliseconds of one read each of the round view, results (JSON, CSV) and the audit once results are
    /// there, and of the operator's pages: the round page (first page of cases, and pending only) and the award sheet.</summary>
    public sealed record Reads(double RoundView, double ResultsJson, double ResultsCsv, double Audit, double RoundPage, double RoundPagePending, double AwardSheet);

    /// <summary>Untimed, a round through the whole path first (the product's half of the warm-up pair): nothing before
    /// judging runs the score path (submissions, the close and the invitations are other code), so without this its
    /// code would be compiled, and its caches filled, inside the timed window.</summary>
    public static async Task WarmUpAsync(Contest contest, string roundId, int cases, int judges, int clients)
    {
        await contest.SubmitAsync(roundId, cases);
        await contest.CloseAsync(roundId);
        var scoring = new Progress("warm-up: score PUTs", cases * judges);
        await ScoreEveryCaseAsync(contest, roundId, cases, judges, clients, _ => scoring.Advance());
        scoring.Finish();
        // Published, so that none of its work (its result mails) runs into the timed round.
        await contest.WaitUntilPublishedAsync(roundId);
        await PurgeAsync(contest, roundId, cases);
    }

    /// <summary>Purges the published round's durable history, as the bare engine's run deletes its task hub after each
    /// round: each side's next round starts on an engine without the history of the rounds before it. Azurite's work
    /// per row grows with its table (each write splices its key indexes), and without this the product's hub held 4.4
    /// times the bare engine's history by the fifth pair (bench/README.md, "Night runs").</summary>
    static async Task PurgeAsync(Contest contest, string roundId, int cases)
    {
        // The round's own instance may finish a moment after its phase reads published: purge again until it has.
        var purged = 0;
        for (var attempt = 0; purged < cases + 1; attempt++)
        {
            if (attempt == 20) throw new InvalidOperationException($"Purged {purged} instances of round {roundId}, expected {cases + 1}.");
            if (attempt > 0) await Task.Delay(500);
            purged += await contest.PurgeHistoryAsync(roundId);
        }
    }

    public static async Task<Figures> RunAsync(Contest contest, string roundId, int cases, int judges, int clients)
    {
        await contest.SubmitAsync(roundId, cases);
        var (closedAt, closeToLinks) = await contest.CloseAsync(roundId);
        Console.WriteLine($"  close → last judge link: {closeToLinks.TotalSeconds:F2} s");
        // The links can be out before the engine is done starting the cases (the invitations do not wait for them).
        // Judges start scoring once every case waits for scores, as the bare engine's events start once every
        // instance has run its first turn: each side's judging is timed on an engine done with its start.
        var closeToWaiting = await contest.WaitUntilCasesWaitAsync(roundId, cases, closedAt);
        Console.WriteLine($"  close → every case waiting for scores: {closeToWaiting.TotalSeconds:F2} s");
        // The operator opens the dashboard as judging opens (untimed): the sign-in and the first compilation of the
        // pages' code are not what the timed reads of the finished round below are about.
        await contest.OpsPageAsync($"/ops/rounds/{roundId}");

        var puts = new Latencies();
        var scoring = new Progress("score PUTs", cases * judges);
        var judgingStarted = DateTimeOffset.UtcNow;
        var judging = Stopwatch.StartNew();
        var lastPut = TimeSpan.Zero;
        // Only the score PUTs while judging is timed: the bare engine carries nothing else. The operator's round view
        // is timed at the steady rate instead (FixedRate), as every latency is, below saturation; until 2026-12-03 22:00
        // it was read here every 5 s, a product-only load of 4–5 % of the judging window at 3,500 cases.
        await ScoreEveryCaseAsync(contest, roundId, cases, judges, clients, took =>
        {
            puts.Record(took);
            scoring.Advance();
        });
        lastPut = judging.Elapsed;
        scoring.Finish();

        // The end of judging is when results are allocated (every case final and tiers allocated): a cheap read (409
        // until then), polled every 50 ms from the last score on (before it, results cannot be ready, and polling
        // would be load of the benchmark's own that the bare engine's run does not carry).
        var allocated = Task.Run(async () =>
        {
            while (!await contest.ResultsReadyAsync(roundId)) await Task.Delay(50);
            return judging.Elapsed;
        });

        // A stalled round fails the run with what its instances were doing, instead of waiting for ever.
        var patience = TimeSpan.FromMinutes(10);
        if (await Task.WhenAny(allocated, Task.Delay(patience)) != allocated)
            throw new TimeoutException($"No results {patience} after the last score: {await contest.DescribeInstancesAsync(roundId)}");
        var judgingSeconds = (await allocated).TotalSeconds;
        var toResults = TimeSpan.FromSeconds(judgingSeconds) - lastPut;
        Console.WriteLine($"  results allocated {judgingSeconds:F1} s after the first score ({cases / judgingSeconds:F2} cases/s); last score → results {toResults.TotalSeconds:F2} s");

        // Read while the publication mails go out, then again once they are out and the round is quiet.
        var reads = await ReadAsync(contest, roundId);
        // Publication (the round needs no approval): every district's result mail in the pickup folder, timed
        // from the last score as the results are (the mails may be out before the reads above end).
        var published = new Progress("result mails", cases);
        var mails = await contest.WaitForResultMailsAsync(roundId, cases, n => published.Advance(n));
        published.Finish();
        var lastScoreToMails = mails - (judgingStarted.UtcDateTime + lastPut);
        Console.WriteLine($"  last score → last district's result mail {lastScoreToMails.TotalSeconds:F1} s");
        await contest.WaitUntilPublishedAsync(roundId);
        var quietReads = await ReadAsync(contest, roundId);
        await PurgeAsync(contest, roundId, cases);

        return new Figures(cases, Math.Round(closeToLinks.TotalSeconds, 2), Math.Round(closeToWaiting.TotalSeconds, 2), judgingStarted, Math.Round(judgingSeconds, 2), Math.Round(cases / judgingSeconds, 2), puts.Summary(),
            Math.Round(toResults.TotalSeconds, 2), Math.Round(scoring.LongestWithoutProgress.TotalSeconds, 2), reads, Math.Round(lastScoreToMails.TotalSeconds, 2), quietReads);
    }

    /// <summary>Every judge scores every case with C concurrent clients, in case-major order as the bare engine's
    /// events (all judges of a case, then the next case); <paramref name="scored"/> gets each PUT's latency.</summary>
    static Task ScoreEveryCaseAsync(Contest contest, string roundId, int cases, int judges, int clients, Action<TimeSpan> scored) =>
        Parallel.ForEachAsync(Enumerable.Range(1, cases).SelectMany(c => Enumerable.Range(1, judges).Select(j => (c, j))),
            new ParallelOptions { MaxDegreeOfParallelism = clients }, async (item, _) =>
            {
                var started = Stopwatch.GetTimestamp();
                await contest.ScoreAsync(roundId, item.c, item.j);
                scored(Stopwatch.GetElapsedTime(started));
            });

    /// <summary>One read each of what an operator reads of a finished round.</summary>
    static async Task<Reads> ReadAsync(Contest contest, string roundId) => new(
        await TimeAsync(() => contest.GetAsync($"/api/rounds/{roundId}")),
        await TimeAsync(() => contest.ResultsReadyAsync(roundId)),
        await TimeAsync(() => contest.ResultsReadyAsync(roundId, "text/csv")),
        await TimeAsync(() => contest.GetAsync($"/api/rounds/{roundId}/audit")),
        await TimeAsync(() => contest.OpsPageAsync($"/ops/rounds/{roundId}")),
        await TimeAsync(() => contest.OpsPageAsync($"/ops/rounds/{roundId}?show=pending")),
        await TimeAsync(() => contest.OpsPageAsync($"/ops/rounds/{roundId}/award-sheet")));

    static async Task<double> TimeAsync(Func<Task> read)
    {
        var started = Stopwatch.GetTimestamp();
        await read();
        return Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
    }
}
