namespace WelfareFlow.Evaluation;

/// <summary>
/// Everything needed to rank a round. <paramref name="Quorum"/> is how many scores a case needs to be
/// ranked; null means every judge that appears anywhere in the round.
/// </summary>
public sealed record EvaluationInput(
    IReadOnlyList<Criterion> Rubric,
    AggregationMethod Method,
    IReadOnlyList<TierDefinition> Tiers,
    IReadOnlyList<CaseScores> Cases,
    int? Quorum = null,
    IReadOnlyList<SpecialAward>? SpecialAwards = null);
