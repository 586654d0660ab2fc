namespace WelfareFlow.Evaluation.Tests;

public sealed class AgreementTests
{
    // Three judges, three cases (rows c1..c3, columns j1 j2 j3):
    //   c1: 10 10 20
    //   c2: 20 30 20
    //   c3: 30 20 30
    private static readonly CaseScores[] Round =
    [
        TestRounds.Totals("c1", 10, 10, 20),
        TestRounds.Totals("c2", 20, 30, 20),
        TestRounds.Totals("c3", 30, 20, 30),
    ];

    [Fact]
    public void Evaluate_TiedRanks_KendallWWithTieCorrection()
    {
        // Ranks per judge: j1 1 2 3; j2 1 3 2; j3 1.5 1.5 3 (c1, c2 tied). Rank sums R: 3.5, 6.5, 8; mean 6.
        // S = 2.5² + 0.5² + 2² = 10.5. Ties: j3 has one pair → T = 2³ − 2 = 6.
        // W = 12 × 10.5 / (3² × (3³ − 3) − 3 × 6) = 126 / 198 = 0.636364.
        var w = TestRounds.Evaluate(AggregationMethod.Mean, Round).Agreement.KendallW;

        Assert.Equal(126.0 / 198, w!.Value, 12);
    }

    [Fact]
    public void Evaluate_SameData_Icc3kConsistency()
    {
        // Row sums 40, 70, 80; grand mean 190/9. SS rows = (40² + 70² + 80²)/3 − 190²/9 = 288.89.
        // Column means 20, 20, 23.33 → SS columns = 22.22. SS total = 4500 − 190²/9 = 488.89.
        // SS error = 488.89 − 288.89 − 22.22 = 177.78. MS rows = 288.89/2 = 144.44; MS error = 177.78/4 = 44.44.
        // ICC(3,k) = (144.44 − 44.44) / 144.44 = 9/13 = 0.692308.
        var icc = TestRounds.Evaluate(AggregationMethod.Mean, Round).Agreement.Icc3k;

        Assert.Equal(9.0 / 13, icc!.Value, 10);
    }

    [Fact]
    public void Evaluate_PerfectAgreement_WAndIccAreOne()
    {
        CaseScores[] round = [TestRounds.Totals("a", 90, 80), TestRounds.Totals("b", 70, 60), TestRounds.Totals("c", 50, 40)];

        var agreement = TestRounds.Evaluate(AggregationMethod.Mean, round).Agreement;

        Assert.Equal(1, agreement.KendallW!.Value, 12); // rank sums 2, 4, 6: S = 8; 12 × 8 / (4 × 24) = 1
        Assert.Equal(1, agreement.Icc3k!.Value, 12);    // j2 = j1 − 10: no inconsistency, MS error 0
    }

    [Fact]
    public void Evaluate_JudgeFigures_AgainstThePanelOnTheSameCases()
    {
        // j1: 10, 20, 30 → mean 20, SD √(200/3) = 8.1650. Panel: all nine totals, mean 190/9 = 21.1111,
        // SD √(488.89/9) = 7.3703. Others' mean per case: 15, 25, 25 → correlation with 10, 20, 30 = 0.8660.
        var j1 = TestRounds.Evaluate(AggregationMethod.Mean, Round).Agreement.Judges.Single(j => j.JudgeId == "j1");

        Assert.Equal(3, j1.CasesScored);
        Assert.Equal(20, j1.Mean, 10);
        Assert.Equal(8.1650, j1.StdDev, 4);
        Assert.Equal(21.1111, j1.PanelMean, 4);
        Assert.Equal(7.3703, j1.PanelStdDev, 4);
        Assert.Equal(0.8660, j1.CorrelationWithOthers!.Value, 4);
    }

    [Fact]
    public void Evaluate_OnlyCompleteCasesCount_PartialCaseLeftOut()
    {
        // d lacks j3: W and ICC are computed over c1..c3 only, so they equal the values above.
        CaseScores[] round = [.. Round, TestRounds.Totals("d", 99, 99)];

        var agreement = TestRounds.Evaluate(AggregationMethod.Mean, round, quorum: 2).Agreement;

        Assert.Equal(3, agreement.CompleteCases);
        Assert.Equal(126.0 / 198, agreement.KendallW!.Value, 12);
        Assert.Equal(9.0 / 13, agreement.Icc3k!.Value, 10);
    }

    [Theory]
    [InlineData(1, 5)] // one judge: nothing to agree with
    [InlineData(3, 1)] // one complete case: nothing to rank
    public void Evaluate_TooFewJudgesOrCases_StatisticsNull(int judges, int cases)
    {
        var round = Enumerable.Range(0, cases).Select(c => TestRounds.Totals($"c{c}", Enumerable.Range(0, judges).Select(j => (double)(c + j)).ToArray())).ToArray();

        var agreement = TestRounds.Evaluate(AggregationMethod.Mean, round).Agreement;

        Assert.Null(agreement.KendallW);
        Assert.Null(agreement.Icc3k);
    }

    [Fact]
    public void Evaluate_EveryJudgeTiesEveryCase_StatisticsNullNotNaN()
    {
        CaseScores[] round = [TestRounds.Totals("a", 50, 60), TestRounds.Totals("b", 50, 60)];

        var agreement = TestRounds.Evaluate(AggregationMethod.Mean, round).Agreement;

        Assert.Null(agreement.KendallW);
        Assert.Null(agreement.Icc3k);
    }
}
