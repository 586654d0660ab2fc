using BenchmarkDotNet.Attributes;
using WelfareFlow.Evaluation;

namespace WelfareFlow.Benchmarks;

/// <summary>
/// A 3,500-case, 20-judge round. <c>Evaluate</c> is the whole job the workflow runs (validation, all four
/// methods for the sensitivity table, ranking, tiers, explanations, statistics); the other benchmarks
/// take its parts apart to show where the time goes.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class RoundBenchmarks // BenchmarkDotNet derives from benchmark classes, so not sealed.
{
    private CaseScores[] cases = [];
    private PreparedRound prepared = null!;
    private PreparedCase[] eligible = [];

    [Params(AggregationMethod.Mean, AggregationMethod.Median, AggregationMethod.TrimmedMean, AggregationMethod.ZScore)]
    public AggregationMethod Method { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        cases = NationalRound.Generate();
        prepared = PreparedRound.From(Input());
        eligible = prepared.Cases.Where(c => c.MeetsQuorum).ToArray();
    }

    /// <summary>Everything, as the round orchestration calls it.</summary>
    [Benchmark(Baseline = true)]
    public EvaluationResult Evaluate() => Evaluator.Evaluate(Input());

    /// <summary>Validation of 70,000 scores and the per-judge scales.</summary>
    [Benchmark]
    public int Prepare() => PreparedRound.From(Input()).Cases.Length;

    /// <summary>One method: aggregate, rank with tie-break explanations, allocate tiers.</summary>
    [Benchmark]
    public int AggregateRankAllocate()
    {
        var entries = eligible.Select(c => new RankingEntry(c.CaseId, Aggregation.Aggregate(Method, c, prepared).Key, c.CriterionMeans)).ToArray();
        var outcome = Ranking.Rank(entries, prepared.Rubric, explain: true);
        var tiers = new TierAllocator(NationalRound.Tiers);
        return outcome.Ranks.Count(r => tiers.TierIndex(r) >= 0);
    }

    /// <summary>Kendall's W, ICC(3,k) and the per-judge figures (independent of the method).</summary>
    [Benchmark]
    public AgreementStatistics Statistics() => Agreement.Compute(prepared);

    private EvaluationInput Input() => new(NationalRound.Rubric, Method, NationalRound.Tiers, cases);
}
