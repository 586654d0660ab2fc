namespace WelfareFlow.Evaluation.Tests;

/// <summary>A recusal lowers the case's own quorum and is named in its explanation; other cases keep the round's.</summary>
public sealed class RecusalEvaluationTests
{
    [Fact]
    public void Evaluate_RecusedSeat_CaseNeedsRemainingSeatsAndNamesTheRecusal()
    {
        // Three judges, quorum 3. "a" has two scores and j3's recusal; "b" has two scores without one.
        var a = TestRounds.Totals("a", 90, 80) with { Recused = ["j3"], Quorum = 2 };
        var result = TestRounds.Evaluate(AggregationMethod.TrimmedMean, [a, TestRounds.Totals("b", 99, 99), TestRounds.Totals("c", 70, 70, 70)], quorum: 3);

        var ranked = result.For("a");
        Assert.Equal(1, ranked.Rank);
        Assert.Equal((90 + 80) / 2.0, ranked.Score);
        Assert.Equal(["j3"], ranked.Explanation.Recused);
        Assert.Contains("Recused (conflict of interest): j3", ranked.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("이해충돌", ranked.Explanation.SummaryKo, StringComparison.Ordinal);

        var unranked = result.For("b");
        Assert.Null(unranked.Rank);
        Assert.Empty(unranked.Explanation.Recused);
        Assert.DoesNotContain("Recused", unranked.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(2, result.For("c").Rank);
    }

    [Fact]
    public void Evaluate_RecusalBelowLoweredQuorum_UnrankedWithTheCaseQuorumInTheReason()
    {
        var a = TestRounds.Totals("a", 90) with { Recused = ["j3"], Quorum = 2 };
        var result = TestRounds.Evaluate(AggregationMethod.Mean, [a, TestRounds.Totals("c", 70, 70, 70)], quorum: 3);

        Assert.Null(result.For("a").Rank);
        Assert.StartsWith("Not ranked: 1 of the 2 scores", result.For("a").Explanation.TierReason, StringComparison.Ordinal);
        Assert.Contains("j3", result.For("a").Explanation.Summary, StringComparison.Ordinal);
    }
}
