namespace WelfareFlow.Evaluation;

/// <summary>One line of the rubric; judges give 0 to <paramref name="MaxPoints"/> points in steps of 0.5.</summary>
public sealed record Criterion(string Id, string Title, double MaxPoints);
