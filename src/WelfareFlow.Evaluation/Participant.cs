namespace WelfareFlow.Evaluation;

/// <summary>A district or a judge of a round.</summary>
public sealed record Participant(string Id, string Name, string Email);
