namespace WelfareFlow.Evaluation;

/// <summary>
/// Tiers by cumulative quota: rank r gets the first tier whose cumulative quota ≥ r. Because tied cases
/// share the lowest rank number of their group, a tie across a boundary gives all of them the better tier.
/// </summary>
internal sealed class TierAllocator
{
    private readonly IReadOnlyList<TierDefinition> tiers;
    private readonly int[] cumulative;

    public TierAllocator(IReadOnlyList<TierDefinition> tiers)
    {
        this.tiers = tiers;
        cumulative = new int[tiers.Count];
        var sum = 0L;
        for (var i = 0; i < tiers.Count; i++)
        {
            // Saturate rather than overflow: a quota of int.MaxValue means "everyone else".
            sum = Math.Min(int.MaxValue, sum + tiers[i].Quota);
            cumulative[i] = (int)sum;
        }
    }

    /// <summary>Index into the tiers, or -1 beyond all quotas.</summary>
    public int TierIndex(int rank)
    {
        var found = Array.BinarySearch(cumulative, rank);
        if (found < 0)
        {
            found = ~found;
        }
        else
        {
            // Equal cumulative values cannot occur (quotas ≥ 1), but take the first to be safe.
            while (found > 0 && cumulative[found - 1] == rank)
            {
                found--;
            }
        }

        return found < cumulative.Length ? found : -1;
    }

    public TierDefinition? TierFor(int rank) => TierIndex(rank) is var i and >= 0 ? tiers[i] : null;

    /// <summary>First and last rank a tier covers by its quota.</summary>
    public (int First, int Last) Covers(int index) => (index == 0 ? 1 : cumulative[index - 1] + 1, cumulative[index]);

    /// <summary>The last rank any tier covers (0 without tiers).</summary>
    public int LastCovered => cumulative.Length == 0 ? 0 : cumulative[^1];
}
