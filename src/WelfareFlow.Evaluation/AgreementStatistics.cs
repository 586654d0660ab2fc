namespace WelfareFlow.Evaluation;

/// <summary>
/// How much the judges agree, over the cases scored by every judge. Each coefficient is null when it
/// cannot be computed (fewer than 2 judges or 2 complete cases, or no variation to measure).
/// </summary>
/// <param name="KendallW">Kendall's coefficient of concordance with the tie correction, 0 to 1.</param>
/// <param name="Icc3k">ICC(3,k): two-way mixed, consistency, reliability of the panel's mean.</param>
public sealed record AgreementStatistics(double? KendallW, double? Icc3k, IReadOnlyList<JudgeAgreement> Judges)
{
    /// <summary>How many cases were scored by every judge (the cases W and ICC use).</summary>
    public int CompleteCases { get; init; }

    /// <summary>How many distinct judges appear in the round.</summary>
    public int JudgeCount { get; init; }
}
