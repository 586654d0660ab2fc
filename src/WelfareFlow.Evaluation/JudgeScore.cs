namespace WelfareFlow.Evaluation;

/// <summary>One judge's points for one case, keyed by criterion id.</summary>
public sealed record JudgeScore(string JudgeId, IReadOnlyDictionary<string, double> Criteria);
