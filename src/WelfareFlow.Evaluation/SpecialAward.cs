namespace WelfareFlow.Evaluation;

/// <summary>A discretionary award (특별상), recorded apart from the ranking.</summary>
public sealed record SpecialAward(string CaseId, string Title, string Reason);
