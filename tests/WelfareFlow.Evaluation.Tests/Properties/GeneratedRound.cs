namespace WelfareFlow.Evaluation.Tests.Properties;

/// <summary>A random round: small point ranges so ties, shared extremes and boundary ties are common.</summary>
public sealed record GeneratedRound(Criterion[] Rubric, TierDefinition[] Tiers, CaseScores[] Cases, int? Quorum)
{
    public EvaluationInput Input(AggregationMethod method) => new(Rubric, method, Tiers, Cases, Quorum);

    public EvaluationResult Evaluate(AggregationMethod method) => Evaluator.Evaluate(Input(method));

    public GeneratedRound WithCases(IEnumerable<CaseScores> cases) => this with { Cases = [.. cases] };

    /// <summary>Readable when FsCheck reports a counterexample.</summary>
    public override string ToString() =>
        $"quorum {Quorum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"}; "
        + $"rubric {string.Join(",", Rubric.Select(c => $"{c.Id}/{c.MaxPoints}"))}; tiers {string.Join(",", Tiers.Select(t => t.Quota))}; "
        + string.Join(" | ", Cases.Select(c => $"{c.CaseId}: " + string.Join(" ", c.Scores.Select(s => $"{s.JudgeId}=[{string.Join(",", Rubric.Select(k => s.Criteria[k.Id]))}]"))));
}
