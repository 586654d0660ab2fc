namespace WelfareFlow.Evaluation;

/// <summary>An award tier; tiers are allocated in the order given, each taking <paramref name="Quota"/> ranks.</summary>
public sealed record TierDefinition(string Id, string Label, int Quota);
