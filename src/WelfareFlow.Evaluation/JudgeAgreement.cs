namespace WelfareFlow.Evaluation;

/// <summary>
/// One judge against the panel, over the cases this judge scored. Spreads are population standard
/// deviations, the same as z-score uses. The panel figures pool every judge's totals on those same
/// cases, so a judge who scored only some cases is compared like with like.
/// </summary>
public sealed record JudgeAgreement(
    string JudgeId,
    int CasesScored,
    double Mean,
    double StdDev,
    double PanelMean,
    double PanelStdDev)
{
    /// <summary>
    /// Pearson correlation of this judge's totals with the mean of the other judges' totals on the same
    /// cases; null with fewer than 2 such cases or no variation.
    /// </summary>
    public double? CorrelationWithOthers { get; init; }
}
