namespace WelfareFlow.Evaluation;

/// <summary>
/// Highest first; ties on the key broken by the mean points of each rubric criterion in order; cases
/// still tied share a rank (1, 2, 2, 4). Values within <see cref="Points.Tolerance"/> are equal.
/// </summary>
internal static class Ranking
{
    private const int NamesShown = 3;

    public static RankingOutcome Rank(IReadOnlyList<RankingEntry> entries, IReadOnlyList<Criterion> rubric, bool explain)
    {
        var levels = rubric.Count;
        var notes = explain ? new List<string>?[entries.Count] : null;
        var decided = new bool[entries.Count];

        // An exact total order first (sorting with a tolerance is not transitive); ties are then found by
        // walking neighbours, so a chain of near-equal values stays one tie.
        var sorted = Enumerable.Range(0, entries.Count).ToArray();
        Array.Sort(sorted, Comparer(entries, -1));

        var finalGroups = new List<int[]>();
        foreach (var group in SplitWhile(sorted, i => entries[i].Key))
        {
            if (explain && group.Length > 1)
            {
                foreach (var i in group)
                {
                    var others = group.Where(o => o != i).Select(o => entries[o].CaseId);
                    Note(notes!, i, $"Tied on the aggregate ({Points.Show2(entries[i].Key)}) with {Names(others, group.Length - 1)}.");
                }
            }

            Refine(group, 0);
        }

        var ranks = new int[entries.Count];
        var shared = new int[entries.Count];
        var order = new List<int>(entries.Count);
        foreach (var group in finalGroups)
        {
            var rank = order.Count + 1;
            var members = group.OrderBy(i => entries[i].CaseId, StringComparer.Ordinal).ToArray();
            foreach (var i in members)
            {
                ranks[i] = rank;
                shared[i] = members.Length;
                if (explain && members.Length > 1 && decided[i])
                {
                    var others = members.Where(o => o != i).Select(o => entries[o].CaseId);
                    Note(notes!, i, $"Still tied with {Names(others, members.Length - 1)} on every criterion, so they share rank {rank}.");
                }
            }

            order.AddRange(members);
        }

        var tieBreaks = new string?[entries.Count];
        if (notes is not null)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                // A case tied on the key but never separated by a criterion had no deciding tie-break.
                tieBreaks[i] = decided[i] ? string.Join(" ", notes[i]!) : null;
            }
        }

        return new RankingOutcome(ranks, shared, [.. order], tieBreaks);

        void Refine(int[] group, int level)
        {
            if (group.Length == 1 || level == levels)
            {
                finalGroups.Add(group);
                return;
            }

            Array.Sort(group, Comparer(entries, level));
            var parts = SplitWhile(group, i => entries[i].CriterionMeans[level]).ToList();
            if (explain && parts.Count > 1)
            {
                for (var p = 0; p < parts.Count; p++)
                {
                    foreach (var i in parts[p])
                    {
                        Note(notes!, i, Step(rubric[level], entries, parts, p, i, level));
                        decided[i] = true;
                    }
                }
            }

            foreach (var part in parts)
            {
                Refine(part, level + 1);
            }
        }
    }

    /// <summary>Descending by key (level -1) or by criterion means from <paramref name="level"/> on, then case id.</summary>
    private static Comparison<int> Comparer(IReadOnlyList<RankingEntry> entries, int level) => (a, b) =>
    {
        var x = entries[a];
        var y = entries[b];
        if (level < 0)
        {
            var byKey = y.Key.CompareTo(x.Key);
            if (byKey != 0)
            {
                return byKey;
            }
        }

        for (var k = Math.Max(level, 0); k < x.CriterionMeans.Length; k++)
        {
            var byCriterion = y.CriterionMeans[k].CompareTo(x.CriterionMeans[k]);
            if (byCriterion != 0)
            {
                return byCriterion;
            }
        }

        return string.CompareOrdinal(x.CaseId, y.CaseId);
    };

    /// <summary>Cuts a sorted run wherever neighbours differ by more than the tolerance.</summary>
    private static IEnumerable<int[]> SplitWhile(int[] sorted, Func<int, double> value)
    {
        var start = 0;
        for (var i = 1; i <= sorted.Length; i++)
        {
            if (i == sorted.Length || !Points.Same(value(sorted[i - 1]), value(sorted[i])))
            {
                yield return sorted[start..i];
                start = i;
            }
        }
    }

    private static string Step(Criterion criterion, IReadOnlyList<RankingEntry> entries, List<int[]> parts, int p, int i, int level)
    {
        string Side(List<int[]> side) => Names(
            side.SelectMany(part => part.Select(o => $"{entries[o].CaseId} ({Points.Show(entries[o].CriterionMeans[level])})")),
            side.Sum(part => part.Length));
        var ahead = parts.Take(p).ToList();
        var behind = parts.Skip(p + 1).ToList();
        var text = $"Mean {criterion.Title} ({criterion.Id}) {Points.Show(entries[i].CriterionMeans[level])} placed it";
        text += ahead.Count > 0 ? $" behind {Side(ahead)}" : "";
        text += ahead.Count > 0 && behind.Count > 0 ? " and" : "";
        text += behind.Count > 0 ? $" ahead of {Side(behind)}" : "";
        return text + ".";
    }

    /// <summary>A few names and a count, so a large tie does not produce a wall of text (or quadratic work).</summary>
    private static string Names(IEnumerable<string> names, int count)
    {
        var list = names.Take(NamesShown).ToList();
        if (count > NamesShown)
        {
            return $"{string.Join(", ", list)} and {count - NamesShown} more";
        }

        return list.Count == 1 ? list[0] : string.Join(", ", list[..^1]) + " and " + list[^1];
    }

    private static void Note(List<string>?[] notes, int i, string text) => (notes[i] ??= []).Add(text);
}
