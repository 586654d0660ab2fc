namespace WelfareFlow.Evaluation.Tests;

public sealed class PointsTests
{
    [Theory]
    [InlineData(17, "17")]
    [InlineData(17.5, "17.5")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(0, "0")]
    [InlineData(17.25, "17.25")]
    [InlineData(1.0 / 3, "0.33")]
    public void Show_Value_WrittenAsPeopleWritePoints(double value, string expected) => Assert.Equal(expected, Points.Show(value));

    [Theory]
    [InlineData(0.1 + 0.2, 0.3, true)]
    [InlineData(1000 + 1e-7, 1000, true)]  // relative: 1e-9 × 1000 = 1e-6
    [InlineData(1 + 1e-8, 1, false)]
    public void Same_NearlyEqualValues_ToleranceIsRelative(double a, double b, bool same) => Assert.Equal(same, Points.Same(a, b));
}
