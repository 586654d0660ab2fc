using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WelfareFlow.Load;

/// <summary>What one run measured, written as JSON and Markdown under bench/results. With several pairs (bare engine,
/// then product) <see cref="Bare"/> and <see cref="Product"/> are the pair of the median ratio, and <see cref="Pairs"/>
/// lists every pair.</summary>
public sealed record Report(
    DateTimeOffset At, string Machine, string LoadBefore, string LoadAfter, LoadSettings Settings,
    BareEngine.Figures? Bare, ProductRun.Figures Product, FixedRate.Figures? Steady, IReadOnlyList<Report.Pair> Pairs)
{
    /// <summary>One bare-engine round and the product round run right after it.</summary>
    public sealed record Pair(BareEngine.Figures? Bare, ProductRun.Figures Product)
    {
        public double? Ratio => Bare is null ? null : Math.Round(Product.CasesPerSecond / Bare.CasesPerSecond, 2);
    }

    /// <summary>The report of the pair with the median ratio (or, without a baseline, the median product cases/s).</summary>
    public static Report OfPairs(DateTimeOffset at, string machine, string loadBefore, string loadAfter, LoadSettings settings, IReadOnlyList<Pair> pairs, FixedRate.Figures? steady)
    {
        var median = pairs.OrderBy(p => p.Ratio ?? p.Product.CasesPerSecond).ElementAt(pairs.Count / 2);
        return new Report(at, machine, loadBefore, loadAfter, settings, median.Bare, median.Product, steady, pairs);
    }

    /// <summary>Product cases/s over the bare engine's in the same run (null without a baseline).</summary>
    public double? Ratio => new Pair(Bare, Product).Ratio;

    /// <summary>Close → last link over the bare engine's time to schedule as many orchestrations.</summary>
    public double? LinksOverSchedule => Bare is null ? null : Math.Round(Product.CloseToLinksSeconds / Bare.ScheduleSeconds, 2);

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    public (string Json, string Markdown) Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var name = $"load-{Product.Cases}cases-{At.UtcDateTime:yyyyMMdd-HHmm}";
        var json = Path.Combine(folder, name + ".json");
        var markdown = Path.Combine(folder, name + ".md");
        File.WriteAllText(json, JsonSerializer.Serialize(this, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        File.WriteAllText(markdown, Markdown());
        return (json, markdown);
    }

    public string Markdown()
    {
        var s = Settings;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Load run: {Product.Cases} cases × {s.Judges} judges, {s.Clients} clients");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{At:yyyy-MM-dd HH:mm} UTC · {Machine} · load average before: {LoadBefore} · after: {LoadAfter}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"    dotnet run -c Release --project bench/WelfareFlow.Load -- --cases {Product.Cases} --judges {s.Judges} --clients {s.Clients} --rate {F(s.Rate)} --rate-seconds {s.RateSeconds} --pairs {s.Pairs}");
        md.AppendLine();
        if (Pairs.Count > 1)
        {
            var each = string.Join("; ", Pairs.Select((p, i) => $"{i + 1}: {(p.Bare is null ? "–" : F(p.Bare.CasesPerSecond))} → {F(p.Product.CasesPerSecond)} ({(p.Ratio is { } r ? F(r) + "×" : "–")})"));
            md.AppendLine(CultureInfo.InvariantCulture, $"{Pairs.Count} pairs, each a bare-engine round and then a product round; cases/s bare → product (ratio): {each}. The tables below are the pair of the median ratio.");
            md.AppendLine();
        }

        md.AppendLine("| measure | product | bare engine | ratio |");
        md.AppendLine("|---|---|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| cases/s (first score → results allocated, every case final; bare: first event → every case done) | {F(Product.CasesPerSecond)} | {(Bare is null ? "–" : F(Bare.CasesPerSecond))} | {(Ratio is { } r ? F(r) + "×" : "–")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| close → last judge link (bare: schedule {Product.Cases} orchestrations) | {F(Product.CloseToLinksSeconds)} s | {(Bare is null ? "–" : F(Bare.ScheduleSeconds) + " s")} | {(LinksOverSchedule is { } l ? F(l) + "×" : "–")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| close → every case waiting for scores, when judging starts (bare: the same) | {F(Product.CloseToCasesWaitingSeconds)} s | {(Bare is null ? "–" : F(Bare.ScheduleSeconds) + " s")} | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| longest time without progress while judging | {F(Product.LongestWithoutProgressSeconds)} s | {(Bare is null ? "–" : F(Bare.LongestWithoutProgressSeconds) + " s")} | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| last score → results allocated | {F(Product.LastScoreToResultsSeconds)} s | | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| last score → every district's result mail | {F(Product.LastScoreToMailsSeconds)} s | | |");
        md.AppendLine();
        md.AppendLine("| latency (ms) | count | p50 | p90 | p95 | p99 | p99.9 | max |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        void Row(string what, Percentiles p) => md.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {p.Count} | {F(p.P50)} | {F(p.P90)} | {F(p.P95)} | {F(p.P99)} | {F(p.P999)} | {F(p.Max)} |");
        Row($"score PUT, {s.Clients} clients flat out", Product.ScorePut);
        if (Steady is not null)
        {
            Row($"score PUT at a steady {F(Steady.Rate)}/s (achieved {F(Steady.AchievedRate)}/s)", Steady.ScorePut);
            Row($"round view every 5 s at the steady rate ({Steady.Requests / s.Judges} cases)", Steady.RoundView);
        }
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Reads of the finished round ({Product.Cases} cases), one each, while the result mails go out: {Describe(Product.BigRoundReads)}.");
        if (Product.QuietReads is { } quiet)
            md.AppendLine(CultureInfo.InvariantCulture, $"The same once the round is published and quiet: {Describe(quiet)}.");
        return md.ToString();
    }

    static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    static string Describe(ProductRun.Reads r) =>
        FormattableString.Invariant($"round view {F(r.RoundView)} ms, results JSON {F(r.ResultsJson)} ms, results CSV {F(r.ResultsCsv)} ms, audit {F(r.Audit)} ms; operator pages: round page {F(r.RoundPage)} ms, pending only {F(r.RoundPagePending)} ms, award sheet {F(r.AwardSheet)} ms");
}
