using System.Diagnostics;

namespace WelfareFlow.Load;

/// <summary>Score PUTs at a steady rate well below saturation, on a round of its own. Open loop: each request
/// starts at its scheduled time whatever the others do, and its latency counts from that time, so a stall
/// shows in the percentiles instead of slowing the load (no coordinated omission). Meanwhile the operator's round
/// view is read every 5 s, as a dashboard refreshes: its latency while judges score, below saturation.</summary>
public static class FixedRate
{
    public sealed record Figures(double Rate, int Requests, double AchievedRate, Percentiles ScorePut, Percentiles RoundView);

    public static async Task<Figures> RunAsync(Contest contest, string roundId, int judges, double rate, int seconds)
    {
        var cases = (int)Math.Ceiling(rate * seconds / judges);
        await contest.SubmitAsync(roundId, cases);
        await contest.CloseAsync(roundId);

        var latencies = new Latencies();
        var views = new Latencies();
        var progress = new Progress($"fixed {rate:F0} PUT/s", cases * judges);
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var final = 0;
        var viewer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                Volatile.Write(ref final, await contest.FinalCasesAsync(roundId));
                views.Record(Stopwatch.GetElapsedTime(started));
                try { await Task.Delay(TimeSpan.FromSeconds(5), stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var requests = Enumerable.Range(0, cases * judges).Select(async i =>
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            await contest.ScoreAsync(roundId, i / judges + 1, i % judges + 1);
            latencies.Record(clock.Elapsed - due);
            progress.Advance(extra: $"final {Volatile.Read(ref final)}/{cases}");
        }).ToList();
        await Task.WhenAll(requests);
        var took = clock.Elapsed;
        await stop.CancelAsync();
        await viewer;
        progress.Finish();
        return new Figures(rate, cases * judges, Math.Round(cases * judges / took.TotalSeconds, 1), latencies.Summary(), views.Summary());
    }
}
