namespace WelfareFlow.Evaluation;

/// <summary>
/// The round in canonical order (cases and judges by ordinal id) with the per-judge scales and the
/// round-wide mean and spread of raw totals that z-score needs. Built once, shared by all four methods.
/// </summary>
internal sealed record PreparedRound(
    IReadOnlyList<Criterion> Rubric,
    PreparedCase[] Cases,
    string[] JudgeIds,
    int Quorum,
    Dictionary<string, JudgeScale> Scales,
    double RawMean,
    double RawStdDev)
{
    public static PreparedRound From(EvaluationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Rubric);
        ArgumentNullException.ThrowIfNull(input.Tiers);
        ArgumentNullException.ThrowIfNull(input.Cases);
        CheckRubricAndTiers(input);

        var judges = new SortedSet<string>(StringComparer.Ordinal);
        var cases = new List<(string Id, JudgeScore[] Scores, CaseScores Source)>(input.Cases.Count);
        var caseIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in input.Cases)
        {
            if (!caseIds.Add(c.CaseId))
            {
                throw new ArgumentException($"Case '{c.CaseId}' appears twice.", nameof(input));
            }

            var scores = c.Scores.OrderBy(s => s.JudgeId, StringComparer.Ordinal).ToArray();
            for (var i = 0; i < scores.Length; i++)
            {
                if (i > 0 && scores[i].JudgeId == scores[i - 1].JudgeId)
                {
                    throw new ArgumentException($"Judge '{scores[i].JudgeId}' scored case '{c.CaseId}' twice; keep only the latest revision.", nameof(input));
                }

                judges.Add(scores[i].JudgeId);
            }

            cases.Add((c.CaseId, scores, c));
        }

        cases.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        if (input.Quorum is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input.Quorum, "Quorum must be at least 1.");
        }

        // A case needs at least one score to have an aggregate at all, even in a round nobody scored yet.
        var quorum = Math.Max(1, input.Quorum ?? judges.Count);
        var prepared = cases.Select(c => Prepare(input.Rubric, c.Id, c.Scores, Math.Max(1, c.Source.Quorum ?? quorum)) with
        {
            Recused = [.. c.Source.Recused.Order(StringComparer.Ordinal)],
        }).ToArray();
        var (rawMean, rawSd) = RawSpread(prepared);
        return new PreparedRound(input.Rubric, prepared, [.. judges], quorum, ComputeScales(prepared), rawMean, rawSd);
    }

    private static void CheckRubricAndTiers(EvaluationInput input)
    {
        if (input.Rubric.Count == 0)
        {
            throw new ArgumentException("The rubric needs at least one criterion.", nameof(input));
        }

        if (input.Rubric.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count() != input.Rubric.Count)
        {
            throw new ArgumentException("Criterion ids in the rubric must be unique.", nameof(input));
        }

        if (input.Tiers.FirstOrDefault(t => t.Quota < 1) is { } bad)
        {
            throw new ArgumentException($"Tier '{bad.Id}' needs a quota of at least 1.", nameof(input));
        }
    }

    private static PreparedCase Prepare(IReadOnlyList<Criterion> rubric, string caseId, JudgeScore[] scores, int quorum)
    {
        var totals = new double[scores.Length];
        var criterionSums = new double[rubric.Count];
        for (var j = 0; j < scores.Length; j++)
        {
            var criteria = scores[j].Criteria;
            var total = 0.0;
            var valid = criteria is not null && criteria.Count == rubric.Count;
            for (var k = 0; valid && k < rubric.Count; k++)
            {
                valid = criteria!.TryGetValue(rubric[k].Id, out var p) && double.IsFinite(p) && p >= 0 && p <= rubric[k].MaxPoints && Points.IsHalfStep(p);
                total += p;
                criterionSums[k] += p;
            }

            if (!valid)
            {
                // Fast path above; the validator is only asked when something is wrong, for its messages.
                var errors = ScoreValidator.Validate(rubric, criteria);
                throw new ArgumentException($"Judge '{scores[j].JudgeId}' has invalid scores for case '{caseId}': {string.Join(" ", errors.Select(e => e.Message))}", nameof(scores));
            }

            totals[j] = total;
        }

        var means = criterionSums.Select(s => scores.Length == 0 ? 0 : s / scores.Length).ToArray();
        return new PreparedCase(caseId, scores.Select(s => s.JudgeId).ToArray(), totals, means, scores.Length >= quorum) { Quorum = quorum };
    }

    private static Dictionary<string, JudgeScale> ComputeScales(PreparedCase[] cases)
    {
        // Two passes (mean, then squared deviations) rather than a running sum of squares: exact for equal totals.
        var sums = new Dictionary<string, (int Count, double Sum)>(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            for (var j = 0; j < c.JudgeIds.Length; j++)
            {
                sums.TryGetValue(c.JudgeIds[j], out var s);
                sums[c.JudgeIds[j]] = (s.Count + 1, s.Sum + c.Totals[j]);
            }
        }

        var squares = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            for (var j = 0; j < c.JudgeIds.Length; j++)
            {
                var (count, sum) = sums[c.JudgeIds[j]];
                var d = c.Totals[j] - (sum / count);
                squares[c.JudgeIds[j]] = squares.GetValueOrDefault(c.JudgeIds[j]) + (d * d);
            }
        }

        return sums.ToDictionary(
            kv => kv.Key,
            kv => new JudgeScale(kv.Value.Count, kv.Value.Sum / kv.Value.Count, Math.Sqrt(squares[kv.Key] / kv.Value.Count)),
            StringComparer.Ordinal);
    }

    private static (double Mean, double StdDev) RawSpread(PreparedCase[] cases)
    {
        var count = 0;
        var sum = 0.0;
        foreach (var c in cases)
        {
            count += c.Totals.Length;
            sum += c.Totals.Sum();
        }

        if (count == 0)
        {
            return (0, 0);
        }

        var mean = sum / count;
        var squares = 0.0;
        foreach (var c in cases)
        {
            foreach (var t in c.Totals)
            {
                squares += (t - mean) * (t - mean);
            }
        }

        return (mean, Math.Sqrt(squares / count));
    }
}
