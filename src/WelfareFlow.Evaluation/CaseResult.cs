namespace WelfareFlow.Evaluation;

/// <summary>
/// One case's place. <paramref name="Score"/> is unrounded (the API rounds to 2 decimals); rank, score
/// and tier are null when the case did not reach the quorum.
/// </summary>
public sealed record CaseResult(
    string CaseId,
    int? Rank,
    double? Score,
    string? TierId,
    string? TierLabel,
    CaseExplanation Explanation);
