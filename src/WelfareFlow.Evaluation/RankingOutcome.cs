namespace WelfareFlow.Evaluation;

/// <summary>
/// Ranks by entry index, how many entries share each rank, the entries in rank order (ties by case id),
/// and for each entry the tie-break text (null where none decided its place or none was asked for).
/// </summary>
internal sealed record RankingOutcome(int[] Ranks, int[] SharedBy, int[] Order, string?[] TieBreaks);
