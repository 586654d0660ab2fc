namespace WelfareFlow.Evaluation.Tests;

public sealed class AggregationMethodNamesTests
{
    [Theory]
    [InlineData(AggregationMethod.Mean, "mean")]
    [InlineData(AggregationMethod.Median, "median")]
    [InlineData(AggregationMethod.TrimmedMean, "trimmed-mean")]
    [InlineData(AggregationMethod.ZScore, "z-score")]
    public void ToWireAndTryParse_EachMethod_RoundTrips(AggregationMethod method, string wire)
    {
        Assert.Equal(wire, AggregationMethodNames.ToWire(method));
        Assert.True(AggregationMethodNames.TryParse(wire, out var parsed));
        Assert.Equal(method, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("trimmedmean")]
    [InlineData("TrimmedMean")]
    [InlineData("average")]
    public void TryParse_UnknownName_ReturnsFalse(string? wire) => Assert.False(AggregationMethodNames.TryParse(wire, out _));

    [Fact]
    public void TryParse_DifferentCase_Accepted()
    {
        Assert.True(AggregationMethodNames.TryParse("Z-Score", out var parsed));
        Assert.Equal(AggregationMethod.ZScore, parsed);
    }

    [Fact]
    public void All_ListsTheFourWireNames_InEnumOrder() =>
        Assert.Equal(["mean", "median", "trimmed-mean", "z-score"], AggregationMethodNames.All);
}
