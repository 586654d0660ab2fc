namespace WelfareFlow.Evaluation;

/// <summary>What ranking needs of a case: its id, the value compared first, and the tie-break values in rubric order.</summary>
internal sealed record RankingEntry(string CaseId, double Key, double[] CriterionMeans);
