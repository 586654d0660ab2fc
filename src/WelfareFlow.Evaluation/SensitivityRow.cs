namespace WelfareFlow.Evaluation;

/// <summary>
/// The tier a case would get under each method (keys are wire names, values tier ids or null), so a
/// round can see whether its choice of method decided anyone's award.
/// </summary>
public sealed record SensitivityRow(string CaseId, IReadOnlyDictionary<string, string?> TierByMethod, bool DependsOnMethod);
