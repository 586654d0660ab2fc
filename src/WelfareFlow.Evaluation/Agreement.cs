namespace WelfareFlow.Evaluation;

/// <summary>Kendall's W, ICC(3,k) and per-judge figures over a prepared round.</summary>
internal static class Agreement
{
    public static AgreementStatistics Compute(PreparedRound round)
    {
        var m = round.JudgeIds.Length;

        // W and ICC need a full matrix: the cases every judge scored. Judge ids in a case are sorted, and
        // so is the round's list, so a complete case has them in the same column order.
        var complete = round.Cases.Where(c => c.JudgeIds.Length == m).Select(c => c.Totals).ToArray();
        double? w = null;
        double? icc = null;
        if (m >= 2 && complete.Length >= 2)
        {
            w = KendallW(complete, m);
            icc = Icc3k(complete, m);
        }

        return new AgreementStatistics(w, icc, Judges(round)) { CompleteCases = complete.Length, JudgeCount = m };
    }

    /// <summary>
    /// W = 12 S / (m²(n³ − n) − m Σ T), T = Σ(t³ − t) over each judge's groups of tied totals.
    /// Each judge's ranking is a sort, so the whole is O(m n log n).
    /// </summary>
    internal static double? KendallW(double[][] rows, int m)
    {
        var n = rows.Length;
        var rankSums = new double[n];
        var tieCorrection = 0.0;
        var order = new int[n];
        for (var j = 0; j < m; j++)
        {
            for (var i = 0; i < n; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) => rows[a][j].CompareTo(rows[b][j]));
            var start = 0;
            for (var i = 1; i <= n; i++)
            {
                if (i < n && Points.Same(rows[order[i - 1]][j], rows[order[i]][j]))
                {
                    continue;
                }

                // Positions start..i-1 are tied: each gets the average of ranks start+1..i.
                var averageRank = (start + 1 + i) / 2.0;
                for (var k = start; k < i; k++)
                {
                    rankSums[order[k]] += averageRank;
                }

                double t = i - start;
                tieCorrection += (t * t * t) - t;
                start = i;
            }
        }

        var meanRankSum = m * (n + 1) / 2.0;
        var s = rankSums.Sum(r => (r - meanRankSum) * (r - meanRankSum));
        var denominator = ((double)m * m * (((double)n * n * n) - n)) - (m * tieCorrection);

        // Every judge tied every case: there is no ranking to agree on.
        return denominator <= 0 ? null : 12 * s / denominator;
    }

    /// <summary>ICC(3,k) = (MS rows − MS error) / MS rows: two-way mixed, consistency, average of k judges.</summary>
    internal static double? Icc3k(double[][] rows, int k)
    {
        var n = rows.Length;
        var grand = rows.Sum(r => r.Sum()) / (n * k);
        var columnMeans = new double[k];
        foreach (var row in rows)
        {
            for (var j = 0; j < k; j++)
            {
                columnMeans[j] += row[j] / n;
            }
        }

        double ssRows = 0, ssTotal = 0;
        foreach (var row in rows)
        {
            var rowMean = row.Sum() / k;
            ssRows += k * (rowMean - grand) * (rowMean - grand);
            foreach (var x in row)
            {
                ssTotal += (x - grand) * (x - grand);
            }
        }

        var ssColumns = columnMeans.Sum(c => n * (c - grand) * (c - grand));
        var msRows = ssRows / (n - 1);
        var msError = (ssTotal - ssRows - ssColumns) / ((n - 1) * (k - 1));

        // All cases got the same mean: reliability of telling them apart is undefined, not zero.
        return msRows <= Points.Tolerance * Math.Max(1, Math.Abs(grand)) ? null : (msRows - msError) / msRows;
    }

    private static List<JudgeAgreement> Judges(PreparedRound round)
    {
        // Per case: how many totals and their sum, so "the panel on this judge's cases" is a cheap lookup.
        var caseSums = round.Cases.Select(c => (Count: c.Totals.Length, Sum: c.Totals.Sum())).ToArray();
        var result = new List<JudgeAgreement>(round.JudgeIds.Length);
        foreach (var judge in round.JudgeIds)
        {
            var own = new List<double>();
            var others = new List<double>();
            var panelCount = 0;
            var panelSum = 0.0;
            for (var c = 0; c < round.Cases.Length; c++)
            {
                var j = Array.BinarySearch(round.Cases[c].JudgeIds, judge, StringComparer.Ordinal);
                if (j < 0)
                {
                    continue;
                }

                var total = round.Cases[c].Totals[j];
                own.Add(total);
                panelCount += caseSums[c].Count;
                panelSum += caseSums[c].Sum;
                others.Add(caseSums[c].Count > 1 ? (caseSums[c].Sum - total) / (caseSums[c].Count - 1) : double.NaN);
            }

            var panelMean = panelSum / panelCount;
            var panelSquares = 0.0;
            for (var c = 0; c < round.Cases.Length; c++)
            {
                if (Array.BinarySearch(round.Cases[c].JudgeIds, judge, StringComparer.Ordinal) >= 0)
                {
                    panelSquares += round.Cases[c].Totals.Sum(t => (t - panelMean) * (t - panelMean));
                }
            }

            var scale = round.Scales[judge];
            result.Add(new JudgeAgreement(judge, scale.Count, scale.Mean, scale.StdDev, panelMean, Math.Sqrt(panelSquares / panelCount))
            {
                CorrelationWithOthers = Correlation(own, others),
            });
        }

        return result;
    }

    /// <summary>Pearson correlation over the pairs where the second value exists.</summary>
    internal static double? Correlation(List<double> xs, List<double> ys)
    {
        var pairs = xs.Zip(ys).Where(p => !double.IsNaN(p.Second)).ToArray();
        if (pairs.Length < 2)
        {
            return null;
        }

        var mx = pairs.Average(p => p.First);
        var my = pairs.Average(p => p.Second);
        double sxy = 0, sxx = 0, syy = 0;
        foreach (var (x, y) in pairs)
        {
            sxy += (x - mx) * (y - my);
            sxx += (x - mx) * (x - mx);
            syy += (y - my) * (y - my);
        }

        return sxx <= 0 || syy <= 0 ? null : sxy / Math.Sqrt(sxx * syy);
    }
}
