using FsCheck;
using FsCheck.Fluent;

namespace WelfareFlow.Evaluation.Tests.Properties;

internal static class RoundGenerators
{
    /// <summary>Rounds where judges may skip cases and a quorum may be set.</summary>
    public static Gen<GeneratedRound> Any { get; } = Make(complete: false, headroom: 0);

    /// <summary>Judges may skip cases, and each criterion leaves <paramref name="headroom"/> points unused.</summary>
    public static Gen<GeneratedRound> WithHeadroom(int headroom) => Make(complete: false, headroom);

    private static Gen<GeneratedRound> Make(bool complete, int headroom) =>
        from criteria in Gen.Choose(1, 3)
        from max in Gen.Elements(2, 4, 10)
        from judges in Gen.Choose(1, 5)
        from cases in Gen.Choose(1, 14)
        from quotas in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 4), n))
        from halfPoints in Gen.ArrayOf(Gen.Choose(0, max * 2), cases * judges * criteria)
        from presence in Gen.ArrayOf(Gen.Choose(0, 4), cases * judges)
        from quorum in complete ? Gen.Constant<int?>(null) : Gen.Elements<int?>(null, 1, Math.Max(1, judges - 1))
        select Build(criteria, max + headroom, judges, cases, quotas, halfPoints, complete ? null : presence, quorum);

    private static GeneratedRound Build(int criteria, double max, int judges, int cases, int[] quotas, int[] halfPoints, int[]? presence, int? quorum)
    {
        var rubric = Enumerable.Range(0, criteria).Select(k => new Criterion($"k{k}", $"Criterion {k}", max)).ToArray();
        var tiers = quotas.Select((q, i) => new TierDefinition($"t{i}", $"Tier {i}", q)).ToArray();
        var round = new List<CaseScores>();
        for (var c = 0; c < cases; c++)
        {
            var scores = new List<JudgeScore>();
            for (var j = 0; j < judges; j++)
            {
                // One score in five is missing when judges may skip, but never every score of a case.
                if (presence is not null && presence[(c * judges) + j] == 0 && scores.Count + (judges - j) > 1)
                {
                    continue;
                }

                var points = rubric.Select((k, i) => (k.Id, halfPoints[(((c * judges) + j) * criteria) + i] / 2.0)).ToDictionary(p => p.Id, p => p.Item2);
                scores.Add(new JudgeScore($"j{j}", points));
            }

            round.Add(new CaseScores($"c{c:00}", scores));
        }

        return new GeneratedRound(rubric, tiers, [.. round], quorum);
    }
}
