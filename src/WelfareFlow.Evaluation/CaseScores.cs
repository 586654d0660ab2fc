namespace WelfareFlow.Evaluation;

/// <summary>The scores received for one case; <paramref name="CaseId"/> is the district id.</summary>
public sealed record CaseScores(string CaseId, IReadOnlyList<JudgeScore> Scores)
{
    /// <summary>Judges who recused themselves from this case (conflict of interest): named in its explanation.</summary>
    public IReadOnlyList<string> Recused { get; init; } = [];

    /// <summary>How many scores this case needs, when it differs from the round's (a recusal takes a seat out).</summary>
    public int? Quorum { get; init; }
}
