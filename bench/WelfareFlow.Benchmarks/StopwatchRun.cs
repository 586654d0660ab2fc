using System.Diagnostics;
using WelfareFlow.Evaluation;

namespace WelfareFlow.Benchmarks;

/// <summary>A quick, rough breakdown (best of 10 after warm-up); BenchmarkDotNet gives the figures to report.</summary>
internal static class StopwatchRun
{
    public static void Run()
    {
        var cases = NationalRound.Generate();
        foreach (var method in AggregationMethodNames.Methods)
        {
            var input = new EvaluationInput(NationalRound.Rubric, method, NationalRound.Tiers, cases);
            var prepared = PreparedRound.From(input);
            var eligible = prepared.Cases.Where(c => c.MeetsQuorum).ToArray();
            Console.WriteLine($"{AggregationMethodNames.ToWire(method),-13}"
                + $" evaluate {Best(() => Evaluator.Evaluate(input)),7:0.0} ms"
                + $" | prepare {Best(() => PreparedRound.From(input)),6:0.0}"
                + $" | aggregate {Best(() => eligible.Select(c => Aggregation.Aggregate(method, c, prepared)).ToArray()),6:0.0}"
                + $" | rank+explain {Best(() => Ranking.Rank(Entries(method, eligible, prepared), prepared.Rubric, explain: true)),6:0.0}"
                + $" | rank {Best(() => Ranking.Rank(Entries(method, eligible, prepared), prepared.Rubric, explain: false)),6:0.0}"
                + $" | statistics {Best(() => Agreement.Compute(prepared)),6:0.0}");
        }
    }

    private static RankingEntry[] Entries(AggregationMethod method, PreparedCase[] eligible, PreparedRound prepared) =>
        eligible.Select(c => new RankingEntry(c.CaseId, Aggregation.Aggregate(method, c, prepared).Key, c.CriterionMeans)).ToArray();

    private static double Best(Func<object> action)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 13; i++)
        {
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(action());
            if (i >= 3)
            {
                best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
            }
        }

        return best;
    }
}
