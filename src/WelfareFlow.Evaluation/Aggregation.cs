namespace WelfareFlow.Evaluation;

/// <summary>The four aggregation methods of DESIGN §5.</summary>
internal static class Aggregation
{
    /// <param name="detail">Whether to keep each judge's z; only the explained method needs them.</param>
    public static CaseAggregate Aggregate(AggregationMethod method, PreparedCase c, PreparedRound round, bool detail = true) => method switch
    {
        AggregationMethod.Mean => Plain(Mean(Sorted(c.Totals))),
        AggregationMethod.Median => Plain(Median(Sorted(c.Totals))),
        AggregationMethod.TrimmedMean => TrimmedMean(c),
        AggregationMethod.ZScore => ZScore(c, round, detail),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown aggregation method."),
    };

    /// <summary>
    /// Sums run over values sorted ascending so cases with the same totals, from whichever judges,
    /// get bit-identical aggregates.
    /// </summary>
    internal static double Mean(double[] sorted)
    {
        var sum = 0.0;
        foreach (var v in sorted)
        {
            sum += v;
        }

        return sum / sorted.Length;
    }

    internal static double Median(double[] sorted)
    {
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static CaseAggregate TrimmedMean(PreparedCase c)
    {
        if (c.Totals.Length < 3)
        {
            return Plain(Mean(Sorted(c.Totals)));
        }

        // Exactly one copy of the lowest and one of the highest go, even when several judges share them;
        // judge id decides which copy so the explanation is the same on every run.
        // JudgeIds are in ordinal order already, so index order is judge-id order among equal totals.
        var order = new int[c.Totals.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => c.Totals[a] != c.Totals[b] ? c.Totals[a].CompareTo(c.Totals[b]) : a.CompareTo(b));
        var kept = new double[order.Length - 2];
        for (var i = 0; i < kept.Length; i++)
        {
            kept[i] = c.Totals[order[i + 1]];
        }

        var score = Mean(kept);
        return new CaseAggregate(score, score, [c.JudgeIds[order[^1]], c.JudgeIds[order[0]]], null, null);
    }

    private static CaseAggregate ZScore(PreparedCase c, PreparedRound round, bool detail)
    {
        var zs = detail ? new Dictionary<string, double>(c.JudgeIds.Length, StringComparer.Ordinal) : null;
        var values = new double[c.JudgeIds.Length];
        for (var j = 0; j < c.JudgeIds.Length; j++)
        {
            var scale = round.Scales[c.JudgeIds[j]];
            values[j] = Z(c.Totals[j], scale);
            zs?.Add(c.JudgeIds[j], values[j]);
        }

        Array.Sort(values);
        var meanZ = Mean(values);
        return new CaseAggregate(round.RawMean + (meanZ * round.RawStdDev), meanZ, [], zs, meanZ);
    }

    /// <summary>A judge who gave every case the same total says nothing about order: z = 0, not a division by zero.</summary>
    internal static double Z(double total, JudgeScale scale) =>
        scale.StdDev <= Points.Tolerance * Math.Max(1, Math.Abs(scale.Mean)) ? 0 : (total - scale.Mean) / scale.StdDev;

    private static double[] Sorted(double[] values)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        return copy;
    }

    private static CaseAggregate Plain(double score) => new(score, score, [], null, null);
}
