namespace WelfareFlow.Finalists;

/// <summary>A final round's districts: the <paramref name="Count"/> best-ranked cases of the screening round
/// <paramref name="RoundId"/> (DESIGN §5.1). Given in a round definition instead of <c>districts</c>.</summary>
public sealed record FinalistsOf(string? RoundId, int? Count);
