using System.Diagnostics;

namespace WelfareFlow.Load;

/// <summary>Score PUTs at a steady rate well below saturation, on a round of its own. Open loop: each request
/// starts at its scheduled time whatever the others do, and its latency counts from that time, so a stall
/// shows in the percentiles instead of slowing the load (no coordinated omission).</summary>
public static class FixedRate
{
    public sealed record Figures(double Rate, int Requests, double AchievedRate, Percentiles ScorePut);

    public static async Task<Figures> RunAsync(Contest contest, string roundId, int judges, double rate, int seconds)
    {
        var cases = (int)Math.Ceiling(rate * seconds / judges);
        await contest.SubmitAsync(roundId, cases);
        await contest.CloseAsync(roundId);

        var latencies = new Latencies();
        var progress = new Progress($"fixed {rate:F0} PUT/s", cases * judges);
        var clock = Stopwatch.StartNew();
        var requests = Enumerable.Range(0, cases * judges).Select(async i =>
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            await contest.ScoreAsync(roundId, i / judges + 1, i % judges + 1);
            latencies.Record(clock.Elapsed - due);
            progress.Advance();
        }).ToList();
        await Task.WhenAll(requests);
        progress.Finish();
        return new Figures(rate, cases * judges, Math.Round(cases * judges / clock.Elapsed.TotalSeconds, 1), latencies.Summary());
    }
}
