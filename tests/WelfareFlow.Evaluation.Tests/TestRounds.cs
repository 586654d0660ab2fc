namespace WelfareFlow.Evaluation.Tests;

/// <summary>Short builders so each worked example reads as its table of points.</summary>
internal static class TestRounds
{
    /// <summary>One criterion out of 100: a judge's points are their total.</summary>
    public static readonly Criterion[] Single = [new("points", "Points", 100)];

    public static readonly Criterion[] ThreeCriteria =
    [
        new("creativity", "Creativity", 50),
        new("impact", "Impact", 30),
        new("feasibility", "Feasibility", 20),
    ];

    /// <summary>The 2024 Goyang tiers: 최우수 ×1, 우수 ×3, 장려 ×7.</summary>
    public static readonly TierDefinition[] Goyang =
    [
        new("best", "최우수", 1),
        new("excellent", "우수", 3),
        new("encouragement", "장려", 7),
    ];

    public static JudgeScore Score(string judge, IReadOnlyList<Criterion> rubric, params double[] points) =>
        new(judge, rubric.Select((c, i) => (c.Id, points[i])).ToDictionary(p => p.Id, p => p.Item2));

    /// <summary>A case on the single-criterion rubric; totals are given for judges j1, j2, … in order.</summary>
    public static CaseScores Totals(string caseId, params double[] totals) =>
        new(caseId, totals.Select((t, i) => Score($"j{i + 1}", Single, t)).ToArray());

    public static CaseScores Case(string caseId, params JudgeScore[] scores) => new(caseId, scores);

    public static EvaluationResult Evaluate(
        AggregationMethod method,
        IReadOnlyList<CaseScores> cases,
        IReadOnlyList<Criterion>? rubric = null,
        IReadOnlyList<TierDefinition>? tiers = null,
        int? quorum = null) =>
        Evaluator.Evaluate(new EvaluationInput(rubric ?? Single, method, tiers ?? Goyang, cases, quorum));

    public static CaseResult For(this EvaluationResult result, string caseId) => result.Cases.Single(c => c.CaseId == caseId);
}
