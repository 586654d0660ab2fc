namespace WelfareFlow.Evaluation;

/// <summary>
/// The sentences a district reads to understand its result, in English and Korean. Numbers are shown
/// as the API shows them (2 decimals) although ranking used the unrounded values.
/// </summary>
internal static class Explanations
{
    public static string Method(AggregationMethod method, PreparedCase c, CaseAggregate a, PreparedRound round)
    {
        var totals = string.Join(", ", c.JudgeIds.Select((j, i) => $"{j} {Points.Show(c.Totals[i])}"));
        var n = c.Totals.Length;
        return method switch
        {
            AggregationMethod.Mean => $"mean of {n} judges' totals ({totals}) = {Points.Show2(a.Score)}",
            AggregationMethod.Median => $"median of {n} judges' totals ({totals}) = {Points.Show2(a.Score)}",
            AggregationMethod.TrimmedMean when n < 3 =>
                $"trimmed mean needs 3 totals to drop the highest and lowest; with {n} ({totals}) it is the plain mean = {Points.Show2(a.Score)}",
            AggregationMethod.TrimmedMean =>
                $"trimmed mean of {n} judges' totals ({totals}): one highest ({a.Dropped[0]}) and one lowest ({a.Dropped[1]}) dropped, mean of the other {n - 2} = {Points.Show2(a.Score)}",
            AggregationMethod.ZScore =>
                $"z-score: each judge's total standardised against that judge's own mean and spread over the round ({string.Join(", ", a.ZScores!.Select(z => $"{z.Key} {Signed(z.Value)}"))}); mean z {Signed(a.MeanZ!.Value)}, "
                + $"on the points scale {Points.Show2(round.RawMean)} + {Signed(a.MeanZ!.Value)} × {Points.Show2(round.RawStdDev)} = {Points.Show2(a.Score)}",
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
        };
    }

    public static string MethodKo(AggregationMethod method, PreparedCase c) => method switch
    {
        AggregationMethod.Mean => $"심사위원 {c.Totals.Length}명 합계의 평균",
        AggregationMethod.Median => $"심사위원 {c.Totals.Length}명 합계의 중앙값",
        AggregationMethod.TrimmedMean when c.Totals.Length < 3 => $"심사위원이 {c.Totals.Length}명뿐이라 절사 없이 평균",
        AggregationMethod.TrimmedMean => $"심사위원 {c.Totals.Length}명 합계 중 최고·최저 1개씩 제외한 평균",
        AggregationMethod.ZScore => "심사위원별 표준점수(Z점수) 평균을 점수 척도로 환산",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    public static (string En, string Ko) Tier(int rank, int sharedBy, TierAllocator tiers)
    {
        var index = tiers.TierIndex(rank);
        if (index < 0)
        {
            return tiers.LastCovered == 0
                ? ($"Rank {rank}; the round has no award tiers, so no tier.", $"{rank}위이며, 이 회차에는 시상 등급이 없습니다.")
                : ($"Rank {rank} is beyond the tiers, which cover ranks 1–{tiers.LastCovered}, so no tier.",
                   $"{rank}위는 시상 범위(1–{tiers.LastCovered}위) 밖이므로 등급이 없습니다.");
        }

        var tier = tiers.TierFor(rank)!;
        var (first, last) = tiers.Covers(index);
        var covers = first == last ? $"rank {first}" : $"ranks {first}–{last}";
        var coversKo = first == last ? $"{first}위" : $"{first}–{last}위";
        var lastOfTie = rank + sharedBy - 1;
        if (sharedBy > 1 && lastOfTie > last)
        {
            return ($"Rank {rank} is shared by {sharedBy} tied cases across the boundary of {tier.Id} ({tier.Label}), which covers {covers}; a tie across a boundary gives every tied case the better tier.",
                    $"{rank}위 동점 {sharedBy}개 사례가 {tier.Label} 등급({coversKo})의 경계에 걸쳐 있어, 동점 사례 모두 더 높은 등급인 {tier.Label}을(를) 받습니다.");
        }

        return ($"Rank {rank} falls in {tier.Id} ({tier.Label}), which covers {covers}.",
                $"{rank}위는 {tier.Label} 등급({coversKo})에 해당합니다.");
    }

    public static (string En, string Ko) NotRanked(PreparedCase c, int quorum)
    {
        var who = c.JudgeIds.Length == 0 ? "none" : string.Join(", ", c.JudgeIds);
        return ($"Not ranked: {c.Totals.Length} of the {quorum} scores a case needs (the quorum) arrived ({who}), so no rank and no tier.",
                $"순위 없음: 필요한 점수 {quorum}개 중 {c.Totals.Length}개만 제출되어 순위와 등급이 없습니다.");
    }

    public static (string En, string Ko) Summary(int rank, int sharedBy, int rankedCount, string method, string methodKo, double score, string? tieBreak, (string En, string Ko) tier)
    {
        var shared = sharedBy > 1 ? $" (shared by {sharedBy} cases)" : "";
        var sharedKo = sharedBy > 1 ? $" (공동 {sharedBy}개)" : "";
        var decided = tieBreak is null ? "" : " Its place among equal aggregates was decided by the tie-break on criterion means.";
        return ($"Rank {rank} of {rankedCount}{shared} with {Points.Show2(score)}: {method}.{decided} {tier.En}",
                $"{rankedCount}개 중 {rank}위{sharedKo}, 점수 {Points.Show2(score)} ({methodKo}). {tier.Ko}");
    }

    /// <summary>The sentence naming a case's recusals; empty when nobody recused.</summary>
    public static (string En, string Ko) Recusal(PreparedCase c) => c.Recused.Length == 0
        ? ("", "")
        : ($" Recused (conflict of interest): {string.Join(", ", c.Recused)}; the method used the {c.Totals.Length} scores present and the quorum counted the remaining seats.",
           $" 이해충돌로 심사 회피: {string.Join(", ", c.Recused)}. 제출된 점수 {c.Totals.Length}개로 산정하였고 정족수는 남은 심사위원 수로 계산했습니다.");

    private static string Signed(double value) => (value >= 0 ? "+" : "") + Points.Show2(value);
}
