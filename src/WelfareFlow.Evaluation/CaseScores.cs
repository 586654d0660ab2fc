namespace WelfareFlow.Evaluation;

/// <summary>The scores received for one case; <paramref name="CaseId"/> is the district id.</summary>
public sealed record CaseScores(string CaseId, IReadOnlyList<JudgeScore> Scores);
