namespace WelfareFlow.Evaluation;

/// <summary>How the judges' totals of one case become the case's aggregate (DESIGN §5).</summary>
public enum AggregationMethod
{
    Mean,
    Median,
    TrimmedMean,
    ZScore,
}
