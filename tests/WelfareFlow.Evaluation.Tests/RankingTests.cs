namespace WelfareFlow.Evaluation.Tests;

public sealed class RankingTests
{
    private static readonly Criterion[] Rubric = TestRounds.ThreeCriteria; // creativity 50, impact 30, feasibility 20

    [Fact]
    public void Evaluate_TiedAggregatesAndCriteria_ShareRankAndSkipNext()
    {
        // a 90, b 80, c 80 (same points), d 70 → ranks 1, 2, 2, 4.
        var result = TestRounds.Evaluate(
            AggregationMethod.Mean,
            [TestRounds.Totals("a", 90), TestRounds.Totals("b", 80), TestRounds.Totals("c", 80), TestRounds.Totals("d", 70)]);

        Assert.Equal([("a", 1), ("b", 2), ("c", 2), ("d", 4)], result.Cases.Select(c => (c.CaseId, c.Rank!.Value)));
        Assert.Null(result.For("b").Explanation.TieBreak);
        Assert.Contains("shared by 2 cases", result.For("b").Explanation.Summary, StringComparison.Ordinal);
    }

    [Theory]
    // b: 40 + 30 + 10 = 80, c: 30 + 30 + 20 = 80 → tied on mean 80; creativity 40 > 30 decides: b 1, c 2.
    [InlineData(new[] { 40.0, 30, 10 }, new[] { 30.0, 30, 20 }, "b", "creativity")]
    // b: 40 + 20 + 20 = 80, c: 40 + 30 + 10 = 80 → creativity tied 40 = 40; impact 30 > 20 decides: c 1, b 2.
    [InlineData(new[] { 40.0, 20, 20 }, new[] { 40.0, 30, 10 }, "c", "impact")]
    // 2 judges: b (40+30+10, 30+30+20) = 80, 80; c (35+30+15, 35+30+15) = 80, 80; creativity means 35 = 35;
    // impact 30 = 30; feasibility (10+20)/2 = 15 = 15 → still tied: both rank 1.
    [InlineData(new[] { 40.0, 30, 10, 30, 30, 20 }, new[] { 35.0, 30, 15, 35, 30, 15 }, null, null)]
    public void Evaluate_TiedAggregate_BrokenByCriteriaInRubricOrder(double[] b, double[] c, string? winner, string? decidingCriterion)
    {
        var result = TestRounds.Evaluate(AggregationMethod.Mean, [Case("b", b), Case("c", c)], Rubric);

        if (winner is null)
        {
            Assert.All(result.Cases, r => Assert.Equal(1, r.Rank));
            Assert.All(result.Cases, r => Assert.Null(r.Explanation.TieBreak));
            return;
        }

        var loser = winner == "b" ? "c" : "b";
        Assert.Equal(1, result.For(winner).Rank);
        Assert.Equal(2, result.For(loser).Rank);
        Assert.Contains($"({decidingCriterion})", result.For(winner).Explanation.TieBreak!, StringComparison.Ordinal);
        Assert.Contains($"behind {winner}", result.For(loser).Explanation.TieBreak!, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ThreeWayTieSplitOverTwoCriteria_ExplainsEachStep()
    {
        // All total 70. creativity: a 40, b 30, c 30 → a first; b, c still tied.
        // impact: b 25, c 20 → b second, c third.
        var result = TestRounds.Evaluate(
            AggregationMethod.Mean,
            [Case("a", [40, 15, 15]), Case("b", [30, 25, 15]), Case("c", [30, 20, 20])],
            Rubric);

        Assert.Equal(["a", "b", "c"], result.Cases.Select(c => c.CaseId));
        Assert.Equal(
            "Tied on the aggregate (70.00) with a and c. Mean Creativity (creativity) 30 placed it behind a (40). "
            + "Mean Impact (impact) 25 placed it ahead of c (20).",
            result.For("b").Explanation.TieBreak);
    }

    [Fact]
    public void Rank_KeysDifferingOnlyByFloatingPointNoise_ShareRank()
    {
        // 0.1 + 0.2 is 0.30000000000000004 in binary; it is the same score as 0.3.
        RankingEntry[] entries = [new("a", 0.1 + 0.2, [1]), new("b", 0.3, [1]), new("c", 0.2, [1])];

        var outcome = Ranking.Rank(entries, [new("k", "K", 1)], explain: false);

        Assert.Equal([1, 1, 3], outcome.Ranks);
    }

    [Fact]
    public void Rank_ChainOfNearlyEqualKeys_StaysOneTie()
    {
        // Each neighbour is within the tolerance; sorting alone must not split the chain.
        RankingEntry[] entries = [new("a", 1 + 2e-10, [1]), new("b", 1 + 1e-10, [1]), new("c", 1, [1])];

        Assert.Equal([1, 1, 1], Ranking.Rank(entries, [new("k", "K", 1)], explain: false).Ranks);
    }

    private static CaseScores Case(string id, double[] points) =>
        new(id, points.Chunk(Rubric.Length).Select((p, j) => TestRounds.Score($"j{j + 1}", Rubric, p)).ToArray());
}
