namespace WelfareFlow.Evaluation;

/// <summary>
/// A round definition as the client sent it; everything is nullable because it is validated straight
/// from JSON, before anything may rely on it.
/// </summary>
public sealed record RoundRules(
    string? Id,
    string? Title,
    IReadOnlyList<Participant>? Districts,
    IReadOnlyList<Participant>? Judges,
    IReadOnlyList<Criterion>? Rubric,
    IReadOnlyList<TierDefinition>? Tiers,
    DateTimeOffset? SubmissionDeadline,
    DateTimeOffset? JudgingDeadline,
    int? Quorum);
