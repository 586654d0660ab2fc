using WelfareFlow.Contracts;
using WelfareFlow.Evaluation;
using WelfareFlow.Storage;

namespace WelfareFlow.Ops;

/// <summary>The printable award sheet, typed from the stored results (the same rows the results API reads).</summary>
public sealed record AwardSheetModel(
    OpsFrame Frame,
    RoundRow Round,
    string Method,
    AwardSheetQuery Query,
    IReadOnlyList<AwardSheetModel.TierSection> Tiers,
    IReadOnlyList<AwardSheetModel.Award> Unplaced,
    Paging UnplacedPaging,
    IReadOnlyList<SpecialAwardView> Specials,
    IReadOnlyList<AwardSheetModel.JudgeLine> Panel,
    AgreementStatistics Agreement,
    IReadOnlyList<AwardSheetModel.CaseLine> Cases,
    Paging CasesPaging,
    IReadOnlyList<TierDefinition> TierOrder)
{
    public sealed record Award(int? Rank, string DistrictId, string Name, double? Score);

    public sealed record TierSection(string Label, int Quota, IReadOnlyList<Award> Awards);

    /// <summary>A judge's totals over the round: the five-number summary the box plot draws, and the agreement figures.</summary>
    public sealed record JudgeLine(string JudgeId, string Name, int Cases, double Min, double Q1, double Median, double Q3, double Max, double Mean, double? StdDev, double? Correlation);

    public sealed record JudgeTotal(string JudgeId, string Name, double Total, bool Dropped);

    /// <summary>One case: each judge's total (those the method dropped marked) and its tier under each method (tier ids).</summary>
    public sealed record CaseLine(string DistrictId, string Name, int? Rank, double? Score, IReadOnlyList<JudgeTotal> Totals, IReadOnlyDictionary<string, string?> TierByMethod, bool DependsOnMethod);

    public string RoundId => Round.PartitionKey;

    /// <summary>The four methods in the order the charts show them.</summary>
    public static IReadOnlyList<string> Methods => AggregationMethodNames.All;

    /// <summary>The charts' range of totals: the panel's lowest to highest, widened to multiples of 5.</summary>
    public (double Low, double High) Range
    {
        get
        {
            var scored = Panel.Where(j => j.Cases > 0).ToList();
            if (scored.Count == 0) return (0, 100);
            var low = Math.Max(0, Math.Floor((scored.Min(j => j.Min) - 1) / 5) * 5);
            var high = Math.Ceiling((scored.Max(j => j.Max) + 1) / 5) * 5;
            return (low, Math.Max(high, low + 5));
        }
    }

    public string TierLabel(string? tierId) => TierOrder.FirstOrDefault(t => t.Id == tierId)?.Label ?? Frame.Text.NoTier;

    /// <summary>0 for the best tier, 1 for the next…; null for none: the sensitivity chart's shade.</summary>
    public int? TierIndex(string? tierId)
    {
        for (var i = 0; i < TierOrder.Count; i++) if (TierOrder[i].Id == tierId) return i;
        return null;
    }
}
