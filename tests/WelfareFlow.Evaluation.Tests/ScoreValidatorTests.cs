namespace WelfareFlow.Evaluation.Tests;

public sealed class ScoreValidatorTests
{
    private static readonly Criterion[] Rubric = [new("creativity", "창의성", 20), new("impact", "Impact", 30)];

    [Theory]
    [InlineData(0, 0)]
    [InlineData(20, 30)]
    [InlineData(12.5, 0.5)]
    public void Validate_PointsWithinRangeInHalfSteps_NoErrors(double creativity, double impact) =>
        Assert.Empty(ScoreValidator.Validate(Rubric, new Dictionary<string, double> { ["creativity"] = creativity, ["impact"] = impact }));

    [Theory]
    [InlineData(-0.5, "between 0 and 20")]
    [InlineData(20.5, "between 0 and 20")]
    [InlineData(12.3, "steps of 0.5")]
    [InlineData(0.25, "steps of 0.5")]
    [InlineData(double.NaN, "finite")]
    [InlineData(double.PositiveInfinity, "finite")]
    [InlineData(double.NegativeInfinity, "finite")]
    public void Validate_BadPoints_OneErrorNamingCriterionAndRule(double creativity, string rule)
    {
        var errors = ScoreValidator.Validate(Rubric, new Dictionary<string, double> { ["creativity"] = creativity, ["impact"] = 10 });

        var error = Assert.Single(errors);
        Assert.Equal("criteria.creativity", error.Field);
        Assert.Contains("'creativity'", error.Message, StringComparison.Ordinal);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingCriterion_ErrorOnThatCriterion()
    {
        var error = Assert.Single(ScoreValidator.Validate(Rubric, new Dictionary<string, double> { ["creativity"] = 10 }));

        Assert.Equal("criteria.impact", error.Field);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownCriterion_ErrorOnUnknownKey()
    {
        var criteria = new Dictionary<string, double> { ["creativity"] = 10, ["impact"] = 10, ["bonus"] = 5 };

        var error = Assert.Single(ScoreValidator.Validate(Rubric, criteria));

        Assert.Equal("criteria.bonus", error.Field);
        Assert.Contains("Unknown criterion 'bonus'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IdInOtherCase_MissingAndUnknownBecauseIdsAreOrdinal()
    {
        var criteria = new Dictionary<string, double> { ["Creativity"] = 10, ["impact"] = 10 };

        var fields = ScoreValidator.Validate(Rubric, criteria).Select(e => e.Field);

        Assert.Equal(["criteria.creativity", "criteria.Creativity"], fields);
    }

    [Fact]
    public void Validate_NullCriteria_SingleErrorOnCriteria() =>
        Assert.Equal("criteria", Assert.Single(ScoreValidator.Validate(Rubric, null)).Field);

    [Fact]
    public void Validate_EmptyCriteria_OneErrorPerCriterion() =>
        Assert.Equal(2, ScoreValidator.Validate(Rubric, new Dictionary<string, double>()).Count);

    [Fact]
    public void Validate_KeyWithDot_BracketPath() =>
        Assert.Contains(ScoreValidator.Validate(Rubric, new Dictionary<string, double> { ["creativity"] = 1, ["impact"] = 1, ["a.b"] = 1 }), e => e.Field == "criteria['a.b']");
}
