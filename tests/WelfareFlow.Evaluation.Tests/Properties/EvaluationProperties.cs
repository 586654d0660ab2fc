using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace WelfareFlow.Evaluation.Tests.Properties;

/// <summary>The invariants of issue 2 item 6, each checked on 100 random rounds.</summary>
[Properties(Arbitrary = [typeof(RoundArbitraries)], MaxTest = 100)]
public sealed class EvaluationProperties
{
    private static readonly AggregationMethod[] Methods = [.. AggregationMethodNames.Methods];

    [Property]
    public bool Evaluate_JudgesAndCasesReordered_ResultUnchanged(GeneratedRound round, int seed)
    {
        var random = new Random(seed);
        var shuffled = round.WithCases(Shuffle(random, round.Cases).Select(c => c with { Scores = Shuffle(random, c.Scores) }));

        return Methods.All(m => Fingerprint(round.Evaluate(m)) == Fingerprint(shuffled.Evaluate(m)));
    }

    [Property]
    public Property Evaluate_ConstantAddedToOneJudge_ZScoreRankingUnchanged() =>
        Prop.ForAll(
            RoundGenerators.WithHeadroom(10).ToArbitrary(),
            Gen.Choose(0, 4).ToArbitrary(),
            Gen.Choose(1, 20).ToArbitrary(),
            (round, judge, halfPoints) =>
            {
                // Judges skip cases here, so under mean the shift would reorder cases; z-score must not.
                // The constant goes on the first criterion (the generator left headroom below each maximum).
                var judgeId = $"j{judge}";
                var shifted = round.WithCases(round.Cases.Select(c => c with
                {
                    Scores = [.. c.Scores.Select(s => s.JudgeId != judgeId ? s : s with { Criteria = Add(s.Criteria, round.Rubric[0].Id, halfPoints / 2.0) })],
                }));
                var before = round.Evaluate(AggregationMethod.ZScore).Cases.ToDictionary(c => c.CaseId);
                var after = shifted.Evaluate(AggregationMethod.ZScore).Cases.ToDictionary(c => c.CaseId);

                // Every mean z is unchanged. Ranks are too, except inside a tie on the mean z: the tie-break
                // compares criterion means, and the shift moves those only for the cases this judge scored.
                return before.Values.All(b =>
                {
                    var a = after[b.CaseId];
                    if (b.Explanation.MeanZ is not { } z)
                    {
                        return a.Rank is null;
                    }

                    var tied = before.Values.Any(o => o != b && o.Explanation.MeanZ is { } other && Math.Abs(other - z) < 1e-9);
                    return Math.Abs(a.Explanation.MeanZ!.Value - z) < 1e-9 && (tied || a.Rank == b.Rank);
                });
            });

    [Property]
    public bool Evaluate_OneCaseRaised_RankNeverWorseUnderMeanMedianTrimmedMean(GeneratedRound round, int caseSeed, int judgeSeed, int criterionSeed)
    {
        // Not z-score: raising one total can widen that judge's spread and so lower the case; see
        // ZScoreTests.Evaluate_RaisingOneTotal_CanLowerThatCaseUnderZScoreButNotUnderMean.
        var target = round.Cases[Math.Abs(caseSeed % round.Cases.Length)];
        var score = target.Scores[Math.Abs(judgeSeed % target.Scores.Count)];
        var criterion = round.Rubric[Math.Abs(criterionSeed % round.Rubric.Length)];
        var raised = round.WithCases(round.Cases.Select(c => c != target ? c : c with
        {
            Scores = [.. c.Scores.Select(s => s != score ? s : s with { Criteria = Add(s.Criteria, criterion.Id, criterion.MaxPoints - s.Criteria[criterion.Id]) })],
        }));

        return Methods.Where(m => m != AggregationMethod.ZScore).All(m =>
            round.Evaluate(m).For(target.CaseId).Rank is not { } before || raised.Evaluate(m).For(target.CaseId).Rank <= before);
    }

    [Property]
    public bool Evaluate_AnyRound_TieredCountIsSumOfQuotasUnlessBoundaryTieOrTooFewCases(GeneratedRound round) =>
        Methods.All(m =>
        {
            var ranked = round.Evaluate(m).Cases.Where(c => c.Rank is not null).ToList();
            var quotas = round.Tiers.Sum(t => t.Quota);
            var tiered = ranked.Count(c => c.TierId is not null);
            var expected = Math.Min(ranked.Count, quotas);
            var boundaryTie = ranked.Count > quotas && ranked[quotas - 1].Rank == ranked[quotas].Rank;
            return tiered == ranked.Count(c => c.Rank <= quotas) && (tiered == expected || (boundaryTie && tiered > expected));
        });

    [Property]
    public bool Evaluate_CaseDuplicated_BothShareRankTierAndScore(GeneratedRound round, int caseSeed)
    {
        var original = round.Cases[Math.Abs(caseSeed % round.Cases.Length)];
        var copy = original with { CaseId = "zz-copy", Scores = [.. original.Scores.Reverse()] };
        var withCopy = round.WithCases([.. round.Cases, copy]);

        return Methods.All(m =>
        {
            var result = withCopy.Evaluate(m);
            var (a, b) = (result.For(original.CaseId), result.For(copy.CaseId));
            return a.Rank == b.Rank && a.TierId == b.TierId && a.Score == b.Score;
        });
    }

    [Property]
    public bool Evaluate_AnyRound_RanksAreCompetitionRanksOverNonIncreasingScores(GeneratedRound round) =>
        Methods.All(m =>
        {
            var ranked = round.Evaluate(m).Cases.Where(c => c.Rank is not null).ToList();
            return ranked.Select((c, i) => i == 0
                ? c.Rank == 1
                : (c.Rank == ranked[i - 1].Rank || c.Rank == i + 1) && c.Score <= ranked[i - 1].Score + 1e-9 && c.Rank >= ranked[i - 1].Rank).All(ok => ok);
        });

    [Property]
    public bool Evaluate_AnyRound_AgreementWithinBounds(GeneratedRound round)
    {
        var agreement = round.Evaluate(AggregationMethod.Mean).Agreement;
        return agreement.KendallW is null or (>= -1e-12 and <= 1 + 1e-12) && agreement.Icc3k is null or <= 1 + 1e-12;
    }

    private static T[] Shuffle<T>(Random random, IEnumerable<T> items)
    {
        var copy = items.ToArray();
        random.Shuffle(copy);
        return copy;
    }

    private static Dictionary<string, double> Add(IReadOnlyDictionary<string, double> criteria, string id, double points) =>
        criteria.ToDictionary(kv => kv.Key, kv => kv.Key == id ? kv.Value + points : kv.Value);

    private static string Ranks(EvaluationResult result) => string.Join(";", result.Cases.OrderBy(c => c.CaseId, StringComparer.Ordinal).Select(c => $"{c.CaseId}:{c.Rank}"));

    /// <summary>Everything a client sees, in order; doubles by their exact bits ("R").</summary>
    private static string Fingerprint(EvaluationResult result) =>
        string.Join(
            "\n",
            result.Cases.Select(c => string.Join(
                "|",
                c.CaseId,
                c.Rank,
                c.Score?.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                c.TierId,
                c.Explanation.TieBreak,
                c.Explanation.Summary,
                string.Join(",", c.Explanation.DroppedJudges),
                string.Join(",", c.Explanation.JudgeTotals.OrderBy(kv => kv.Key, StringComparer.Ordinal)))))
        + $"\nW {result.Agreement.KendallW:R} ICC {result.Agreement.Icc3k:R} "
        + string.Join(",", result.Agreement.Judges.Select(j => $"{j.JudgeId} {j.Mean:R} {j.StdDev:R} {j.PanelMean:R} {j.CorrelationWithOthers:R}"))
        + "\n" + string.Join(";", result.Sensitivity.Select(s => s.CaseId + string.Join(",", s.TierByMethod.OrderBy(kv => kv.Key, StringComparer.Ordinal))));
}
