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
        var column = new double[n];
        for (var j = 0; j < m; j++)
        {
            for (var i = 0; i < n; i++)
            {
                order[i] = i;
                column[i] = rows[i][j];
            }

            // Sorting the keys with the items (no comparison delegate) keeps this the cheap part of the round.
            Array.Sort(column, order);
            var start = 0;
            for (var i = 1; i <= n; i++)
            {
                if (i < n && Points.Same(column[i - 1], column[i]))
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
        var index = round.JudgeIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        var m = round.JudgeIds.Length;
        var own = Enumerable.Range(0, m).Select(_ => new List<double>()).ToArray();
        var others = Enumerable.Range(0, m).Select(_ => new List<double>()).ToArray();
        var panelCount = new int[m];
        var panelSum = new double[m];
        var judgeIndexes = new int[round.Cases.Length][];
        for (var c = 0; c < round.Cases.Length; c++)
        {
            var cs = round.Cases[c];
            var caseSum = cs.Totals.Sum();
            judgeIndexes[c] = cs.JudgeIds.Select(id => index[id]).ToArray();
            for (var k = 0; k < cs.Totals.Length; k++)
            {
                var j = judgeIndexes[c][k];
                own[j].Add(cs.Totals[k]);
                panelCount[j] += cs.Totals.Length;
                panelSum[j] += caseSum;

                // The others' mean on this case; NaN marks a case this judge scored alone.
                others[j].Add(cs.Totals.Length > 1 ? (caseSum - cs.Totals[k]) / (cs.Totals.Length - 1) : double.NaN);
            }
        }

        // "The panel on this judge's cases": every total of every case the judge scored, around its own mean.
        var panelSquares = new double[m];
        for (var c = 0; c < round.Cases.Length; c++)
        {
            foreach (var j in judgeIndexes[c])
            {
                var mean = panelSum[j] / panelCount[j];
                foreach (var t in round.Cases[c].Totals)
                {
                    panelSquares[j] += (t - mean) * (t - mean);
                }
            }
        }

        var result = new List<JudgeAgreement>(m);
        for (var j = 0; j < m; j++)
        {
            var scale = round.Scales[round.JudgeIds[j]];
            result.Add(new JudgeAgreement(round.JudgeIds[j], scale.Count, scale.Mean, scale.StdDev, panelSum[j] / panelCount[j], Math.Sqrt(panelSquares[j] / panelCount[j]))
            {
                CorrelationWithOthers = Correlation(own[j], others[j]),
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
