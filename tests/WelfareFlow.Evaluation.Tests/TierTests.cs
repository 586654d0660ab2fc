namespace WelfareFlow.Evaluation.Tests;

public sealed class TierTests
{
    [Theory]
    // Goyang quotas 1, 3, 7 → cumulative 1, 4, 11: best covers 1, excellent 2–4, encouragement 5–11.
    [InlineData(1, "best")]
    [InlineData(2, "excellent")]
    [InlineData(4, "excellent")]     // 4 ≤ 4
    [InlineData(5, "encouragement")] // 5 > 4, ≤ 11
    [InlineData(11, "encouragement")]
    [InlineData(12, null)]           // beyond 11: no tier
    public void TierFor_Rank_FirstTierWhoseCumulativeQuotaCoversIt(int rank, string? tier) =>
        Assert.Equal(tier, new TierAllocator(TestRounds.Goyang).TierFor(rank)?.Id);

    [Fact]
    public void Evaluate_TieAcrossBoundary_EveryTiedCaseGetsBetterTier()
    {
        // Totals 90, 80, 70, 60, 60, 50 → ranks 1, 2, 3, 4, 4, 6. Rank 4 is the last excellent rank,
        // so both cases at 60 are excellent (5 cases tiered so far), and 50 (rank 6) is encouragement.
        double[] totals = [90, 80, 70, 60, 60, 50];
        var cases = totals.Select((t, i) => TestRounds.Totals($"c{i + 1}", t)).ToArray();

        var result = TestRounds.Evaluate(AggregationMethod.Mean, cases);

        Assert.Equal(
            ["best", "excellent", "excellent", "excellent", "excellent", "encouragement"],
            result.Cases.Select(c => c.TierId));
        Assert.Contains("tie across a boundary", result.For("c5").Explanation.TierReason, StringComparison.Ordinal);
        Assert.Equal("우수", result.For("c5").TierLabel);
    }

    [Fact]
    public void Evaluate_TieForFirst_BothBestAndExcellentStartsAtRankThree()
    {
        // 90, 90, 80 → ranks 1, 1, 3: both best; 80 is rank 3, within excellent (2–4).
        var result = TestRounds.Evaluate(
            AggregationMethod.Mean,
            [TestRounds.Totals("a", 90), TestRounds.Totals("b", 90), TestRounds.Totals("c", 80)]);

        Assert.Equal(["best", "best", "excellent"], result.Cases.Select(c => c.TierId));
    }

    [Fact]
    public void Evaluate_MoreCasesThanQuotas_RestGetNoTierAndAreToldWhy()
    {
        var cases = Enumerable.Range(1, 13).Select(i => TestRounds.Totals($"c{i:00}", 100 - i)).ToArray();

        var result = TestRounds.Evaluate(AggregationMethod.Mean, cases);

        Assert.Equal(11, result.Cases.Count(c => c.TierId is not null));
        Assert.Equal("Rank 12 is beyond the tiers, which cover ranks 1–11, so no tier.", result.For("c12").Explanation.TierReason);
        Assert.Equal("Rank 2 falls in excellent (우수), which covers ranks 2–4.", result.For("c02").Explanation.TierReason);
        Assert.Equal("2위는 우수 등급(2–4위)에 해당합니다.", result.For("c02").Explanation.TierReasonKo);
    }
}
