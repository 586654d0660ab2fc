namespace WelfareFlow.Evaluation.Tests;

public sealed class EvaluatorTests
{
    [Fact]
    public void Evaluate_CaseBelowDefaultQuorum_NotRankedListedLastAndToldWhy()
    {
        // Judges in the round: j1, j2, j3 → default quorum 3; "a" has only two scores.
        var result = TestRounds.Evaluate(
            AggregationMethod.Mean,
            [TestRounds.Totals("a", 99, 99), TestRounds.Totals("b", 70, 70, 70), TestRounds.Totals("c", 80, 80, 80)]);

        Assert.Equal(["c", "b", "a"], result.Cases.Select(c => c.CaseId));
        var a = result.For("a");
        Assert.Equal((null, null, null), (a.Rank, a.Score, a.TierId));
        Assert.Equal("Not ranked: 2 of the 3 scores a case needs (the quorum) arrived (j1, j2), so no rank and no tier.", a.Explanation.TierReason);
        Assert.Equal(2, result.For("b").Rank);
    }

    [Fact]
    public void Evaluate_CaseMeetingExplicitQuorum_RankedOnScoresPresent()
    {
        var result = TestRounds.Evaluate(
            AggregationMethod.Mean,
            [TestRounds.Totals("a", 99, 99), TestRounds.Totals("b", 70, 70, 70)],
            quorum: 2);

        Assert.Equal(1, result.For("a").Rank);
        Assert.Equal(99, result.For("a").Score);
    }

    [Fact]
    public void Evaluate_Summary_ReadableSentenceWithRankScoreMethodAndTier()
    {
        var result = TestRounds.Evaluate(
            AggregationMethod.Mean,
            [TestRounds.Totals("gobong", 90, 85), TestRounds.Totals("juyeop-1", 80, 75.5)]);

        Assert.Equal(
            "Rank 2 of 2 with 77.75: mean of 2 judges' totals (j1 80, j2 75.5) = 77.75. Rank 2 falls in excellent (우수), which covers ranks 2–4.",
            result.For("juyeop-1").Explanation.Summary);
        Assert.Equal("2개 중 2위, 점수 77.75 (심사위원 2명 합계의 평균). 2위는 우수 등급(2–4위)에 해당합니다.", result.For("juyeop-1").Explanation.SummaryKo);
    }

    [Fact]
    public void Evaluate_MethodChangesATier_SensitivityFlagsIt()
    {
        // a: 100, 60, 59 → mean 73, median 60. b: 65, 65, 65 → 65 under both. Tiers: best ×1.
        // Mean puts a first (73 > 65); median puts b first (65 > 60).
        TierDefinition[] tiers = [new("best", "최우수", 1)];
        var result = TestRounds.Evaluate(AggregationMethod.Mean, [TestRounds.Totals("a", 100, 60, 59), TestRounds.Totals("b", 65, 65, 65)], tiers: tiers);

        var a = result.Sensitivity.Single(r => r.CaseId == "a");
        Assert.True(a.DependsOnMethod);
        Assert.Equal("best", a.TierByMethod["mean"]);
        Assert.Null(a.TierByMethod["median"]);
        Assert.Equal(AggregationMethodNames.All.Order(), a.TierByMethod.Keys.Order());
    }

    [Fact]
    public void Evaluate_SpecialAwards_RecordedApartFromRanking()
    {
        var award = new SpecialAward("juyeop-1", "특별상", "Outstanding outreach to single-person households");
        var input = new EvaluationInput(
            TestRounds.Single, AggregationMethod.Mean, TestRounds.Goyang, [TestRounds.Totals("juyeop-1", 50)], SpecialAwards: [award]);

        var result = Evaluator.Evaluate(input);

        Assert.Equal([award], result.SpecialAwards);
        Assert.Equal("best", result.For("juyeop-1").TierId);
    }

    [Fact]
    public void Evaluate_NoCases_EmptyResult()
    {
        var result = TestRounds.Evaluate(AggregationMethod.ZScore, []);

        Assert.Empty(result.Cases);
        Assert.Null(result.Agreement.KendallW);
    }

    [Fact]
    public void Evaluate_InvalidPoints_ThrowsNamingJudgeAndCase()
    {
        var ex = Assert.Throws<ArgumentException>(() => TestRounds.Evaluate(AggregationMethod.Mean, [TestRounds.Totals("gobong", 80, 120)]));

        Assert.Contains("Judge 'j2'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("case 'gobong'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DuplicateCase_Throws() =>
        Assert.Throws<ArgumentException>(() => TestRounds.Evaluate(AggregationMethod.Mean, [TestRounds.Totals("a", 1), TestRounds.Totals("a", 2)]));

    [Fact]
    public void Evaluate_SameJudgeTwiceInACase_Throws() =>
        Assert.Throws<ArgumentException>(() => TestRounds.Evaluate(
            AggregationMethod.Mean,
            [TestRounds.Case("a", TestRounds.Score("j1", TestRounds.Single, 1), TestRounds.Score("j1", TestRounds.Single, 2))]));
}
