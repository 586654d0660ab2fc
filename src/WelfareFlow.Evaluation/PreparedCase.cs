namespace WelfareFlow.Evaluation;

/// <summary>
/// One case reduced to numbers, judges in ordinal id order so that every later sum runs in the same
/// order whatever order the input came in (reordering must not even move the last bit).
/// </summary>
internal sealed record PreparedCase(string CaseId, string[] JudgeIds, double[] Totals, double[] CriterionMeans, bool MeetsQuorum)
{
    public string[] Recused { get; init; } = [];

    /// <summary>The scores this case needed (the round's quorum unless recusals lowered it).</summary>
    public int Quorum { get; init; }
}
