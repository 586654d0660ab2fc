namespace WelfareFlow.Evaluation;

/// <summary>
/// Why a case landed where it did, so a district that did not win can see exactly why.
/// </summary>
/// <param name="JudgeTotals">Each judge's total (sum of criterion points) for this case.</param>
/// <param name="DroppedJudges">Judges whose totals trimmed-mean dropped (one highest, one lowest).</param>
/// <param name="ZScores">Each judge's z for this case under z-score; null for the other methods.</param>
/// <param name="Aggregate">The case's score under the method (z-score: rescaled to points).</param>
/// <param name="TieBreak">How the tie-break chain decided its place; null when no tie-break was needed.</param>
/// <param name="TierReason">Why it got its tier, or none.</param>
/// <param name="Summary">One or two sentences a district can understand.</param>
public sealed record CaseExplanation(
    IReadOnlyDictionary<string, double> JudgeTotals,
    IReadOnlyList<string> DroppedJudges,
    IReadOnlyDictionary<string, double>? ZScores,
    double? Aggregate,
    string? TieBreak,
    string TierReason,
    string Summary)
{
    /// <summary>Mean z over the case's judges (z-score only), before rescaling to points.</summary>
    public double? MeanZ { get; init; }

    /// <summary>Mean points per criterion over the case's judges: the values the tie-break compares.</summary>
    public IReadOnlyDictionary<string, double> CriterionMeans { get; init; } = new Dictionary<string, double>();

    /// <summary><see cref="TierReason"/> in Korean.</summary>
    public string TierReasonKo { get; init; } = "";

    /// <summary><see cref="Summary"/> in Korean.</summary>
    public string SummaryKo { get; init; } = "";

    /// <summary>Judges who recused themselves from the case (conflict of interest); the aggregate used the scores present.</summary>
    public IReadOnlyList<string> Recused { get; init; } = [];
}
