namespace WelfareFlow.Evaluation.Tests;

/// <summary>Worked examples: one case, one criterion out of 100, so each judge's points are their total.</summary>
public sealed class AggregationTests
{
    [Theory]
    [InlineData(AggregationMethod.Mean, new[] { 60.0, 85, 90, 75 }, 77.5)]          // (60+85+90+75)/4 = 310/4 = 77.5
    [InlineData(AggregationMethod.Mean, new[] { 80.5, 79 }, 79.75)]                 // 159.5/2 = 79.75
    [InlineData(AggregationMethod.Mean, new[] { 70.0 }, 70)]                        // a single total is its own mean
    [InlineData(AggregationMethod.Median, new[] { 60.0, 85, 90, 75 }, 80)]          // sorted 60 75 85 90 → (75+85)/2 = 80
    [InlineData(AggregationMethod.Median, new[] { 70.0, 90, 80 }, 80)]              // sorted 70 80 90 → middle 80
    [InlineData(AggregationMethod.Median, new[] { 70.0, 90, 90, 10, 90 }, 90)]      // sorted 10 70 90 90 90 → middle 90
    [InlineData(AggregationMethod.TrimmedMean, new[] { 60.0, 85, 90, 75 }, 80)]     // drop 60 and 90 → (85+75)/2 = 80
    [InlineData(AggregationMethod.TrimmedMean, new[] { 50.0, 70, 100 }, 70)]        // drop 50 and 100 → 70
    [InlineData(AggregationMethod.TrimmedMean, new[] { 50.0, 60, 70, 80, 100 }, 70)] // drop 50 and 100 → (60+70+80)/3 = 70
    [InlineData(AggregationMethod.TrimmedMean, new[] { 90.0, 90, 80, 70 }, 85)]     // shared highest: drop ONE 90 and 70 → (90+80)/2 = 85
    [InlineData(AggregationMethod.TrimmedMean, new[] { 80.0, 80, 80, 60 }, 80)]     // drop 60 and one 80 → (80+80)/2 = 80
    [InlineData(AggregationMethod.TrimmedMean, new[] { 70.0, 70, 70 }, 70)]         // all equal: drop one 70 each end → 70
    [InlineData(AggregationMethod.TrimmedMean, new[] { 70.0, 90 }, 80)]             // fewer than 3: plain mean (70+90)/2 = 80
    [InlineData(AggregationMethod.TrimmedMean, new[] { 70.5 }, 70.5)]               // one total: plain mean
    public void Evaluate_OneCase_ScoreIsHandComputedAggregate(AggregationMethod method, double[] totals, double expected)
    {
        var result = TestRounds.Evaluate(method, [TestRounds.Totals("gobong", totals)]);

        Assert.Equal(expected, result.For("gobong").Score);
    }

    [Fact]
    public void Evaluate_TrimmedMeanWithSharedExtremes_DropsOneCopyEachAndNamesThoseJudges()
    {
        // j1 90, j2 90, j3 80, j4 70: one 90 goes (the later judge id, j2) and the 70 (j4).
        var result = TestRounds.Evaluate(AggregationMethod.TrimmedMean, [TestRounds.Totals("gobong", 90, 90, 80, 70)]);

        var explanation = result.For("gobong").Explanation;
        Assert.Equal(["j2", "j4"], explanation.DroppedJudges);
        Assert.Contains("one highest (j2) and one lowest (j4) dropped", explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TrimmedMeanWithTwoTotals_DropsNothingAndSaysWhy()
    {
        var result = TestRounds.Evaluate(AggregationMethod.TrimmedMean, [TestRounds.Totals("gobong", 70, 90)]);

        Assert.Empty(result.For("gobong").Explanation.DroppedJudges);
        Assert.Contains("plain mean", result.For("gobong").Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SeveralCriteria_JudgeTotalIsSumOfPoints()
    {
        var rubric = TestRounds.ThreeCriteria;
        var result = TestRounds.Evaluate(
            AggregationMethod.Mean,
            [TestRounds.Case("gobong", TestRounds.Score("kim", rubric, 40, 25.5, 10), TestRounds.Score("lee", rubric, 30, 20, 12.5))],
            rubric);

        var c = result.For("gobong");
        Assert.Equal(75.5, c.Explanation.JudgeTotals["kim"]);  // 40 + 25.5 + 10
        Assert.Equal(62.5, c.Explanation.JudgeTotals["lee"]);  // 30 + 20 + 12.5
        Assert.Equal(69, c.Score);                             // (75.5 + 62.5) / 2
        Assert.Equal(35, c.Explanation.CriterionMeans["creativity"]); // (40 + 30) / 2
    }
}
