namespace WelfareFlow.Evaluation;

/// <summary>Ranks a round, allocates tiers and explains every case (DESIGN §5).</summary>
public static class Evaluator
{
    /// <summary>
    /// Evaluates the round under <see cref="EvaluationInput.Method"/>, and under every method for the
    /// sensitivity table. Throws <see cref="ArgumentException"/> for input the validators would have
    /// rejected (invalid points, duplicate case or judge, empty rubric): a result must never rest on it.
    /// </summary>
    public static EvaluationResult Evaluate(EvaluationInput input)
    {
        var round = PreparedRound.From(input);
        var tiers = new TierAllocator(input.Tiers);
        var eligible = round.Cases.Where(c => c.MeetsQuorum).ToArray();

        var runs = AggregationMethodNames.Methods.ToDictionary(m => m, m => Run(m, eligible, round, explain: m == input.Method));
        var main = runs[input.Method];

        var results = new List<CaseResult>(round.Cases.Length);
        foreach (var e in main.Outcome.Order)
        {
            results.Add(Ranked(input.Method, eligible[e], main, e, eligible.Length, round, tiers));
        }

        foreach (var c in round.Cases.Where(c => !c.MeetsQuorum))
        {
            results.Add(Unranked(c, round));
        }

        return new EvaluationResult(
            input.Method,
            results,
            Agreement.Compute(round),
            Sensitivity(results, eligible, runs, tiers),
            input.SpecialAwards ?? []);
    }

    private static MethodRun Run(AggregationMethod method, PreparedCase[] eligible, PreparedRound round, bool explain)
    {
        var aggregates = eligible.Select(c => Aggregation.Aggregate(method, c, round, detail: explain)).ToArray();
        var entries = eligible.Select((c, i) => new RankingEntry(c.CaseId, aggregates[i].Key, c.CriterionMeans)).ToArray();
        return new MethodRun(aggregates, Ranking.Rank(entries, round.Rubric, explain));
    }

    private static CaseResult Ranked(AggregationMethod method, PreparedCase c, MethodRun run, int e, int rankedCount, PreparedRound round, TierAllocator tiers)
    {
        var a = run.Aggregates[e];
        var rank = run.Outcome.Ranks[e];
        var sharedBy = run.Outcome.SharedBy[e];
        var tieBreak = run.Outcome.TieBreaks[e];
        var tier = tiers.TierFor(rank);
        var tierReason = Explanations.Tier(rank, sharedBy, tiers);
        var summary = Explanations.Summary(
            rank, sharedBy, rankedCount, Explanations.Method(method, c, a, round), Explanations.MethodKo(method, c), a.Score, tieBreak, tierReason);
        var recusal = Explanations.Recusal(c);
        var explanation = new CaseExplanation(Totals(c), a.Dropped, a.ZScores, a.Score, tieBreak, tierReason.En, summary.En + recusal.En)
        {
            MeanZ = a.MeanZ,
            CriterionMeans = CriterionMeans(c, round),
            TierReasonKo = tierReason.Ko,
            SummaryKo = summary.Ko + recusal.Ko,
            Recused = c.Recused,
        };
        return new CaseResult(c.CaseId, rank, a.Score, tier?.Id, tier?.Label, explanation);
    }

    private static CaseResult Unranked(PreparedCase c, PreparedRound round)
    {
        var reason = Explanations.NotRanked(c, c.Quorum);
        var recusal = Explanations.Recusal(c);
        var explanation = new CaseExplanation(Totals(c), [], null, null, null, reason.En, reason.En + recusal.En)
        {
            CriterionMeans = CriterionMeans(c, round),
            TierReasonKo = reason.Ko,
            SummaryKo = reason.Ko + recusal.Ko,
            Recused = c.Recused,
        };
        return new CaseResult(c.CaseId, null, null, null, null, explanation);
    }

    private static List<SensitivityRow> Sensitivity(List<CaseResult> results, PreparedCase[] eligible, Dictionary<AggregationMethod, MethodRun> runs, TierAllocator tiers)
    {
        var indexById = eligible.Select((c, i) => (c.CaseId, i)).ToDictionary(p => p.CaseId, p => p.i, StringComparer.Ordinal);
        var rows = new List<SensitivityRow>(results.Count);
        foreach (var result in results)
        {
            var byMethod = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (method, run) in runs)
            {
                byMethod[AggregationMethodNames.ToWire(method)] =
                    indexById.TryGetValue(result.CaseId, out var e) ? tiers.TierFor(run.Outcome.Ranks[e])?.Id : null;
            }

            rows.Add(new SensitivityRow(result.CaseId, byMethod, byMethod.Values.Distinct(StringComparer.Ordinal).Count() > 1));
        }

        return rows;
    }

    private static Dictionary<string, double> Totals(PreparedCase c) => Zip(c.JudgeIds, c.Totals);

    private static Dictionary<string, double> CriterionMeans(PreparedCase c, PreparedRound round) =>
        Zip(round.Rubric.Select(k => k.Id).ToArray(), c.CriterionMeans);

    private static Dictionary<string, double> Zip(string[] keys, double[] values)
    {
        var map = new Dictionary<string, double>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            map.Add(keys[i], values[i]);
        }

        return map;
    }

    private sealed record MethodRun(CaseAggregate[] Aggregates, RankingOutcome Outcome);
}
