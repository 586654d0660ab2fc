namespace WelfareFlow.Evaluation;

/// <summary>The outcome of a round; <paramref name="Cases"/> are in rank order, unranked last.</summary>
public sealed record EvaluationResult(
    AggregationMethod Method,
    IReadOnlyList<CaseResult> Cases,
    AgreementStatistics Agreement,
    IReadOnlyList<SensitivityRow> Sensitivity,
    IReadOnlyList<SpecialAward> SpecialAwards);
