using WelfareFlow.Evaluation;

namespace WelfareFlow.Benchmarks;

/// <summary>
/// A deterministic nationwide round: 3,500 districts, 20 judges, 5 criteria of 20 points. Each case has a
/// quality and each judge a leniency, so totals spread and tie the way real scores do.
/// </summary>
internal static class NationalRound
{
    public const int Cases = 3_500;
    public const int Judges = 20;

    public static readonly Criterion[] Rubric =
    [
        new("creativity", "창의성", 20),
        new("impact", "효과성", 20),
        new("feasibility", "실현가능성", 20),
        new("sustainability", "지속가능성", 20),
        new("collaboration", "협력", 20),
    ];

    public static readonly TierDefinition[] Tiers =
    [
        new("best", "최우수", 35),
        new("excellent", "우수", 105),
        new("encouragement", "장려", 245),
    ];

    public static CaseScores[] Generate(int seed = 2024)
    {
        var random = new Random(seed);
        var leniency = Enumerable.Range(0, Judges).Select(_ => (random.NextDouble() * 4) - 2).ToArray();
        var cases = new CaseScores[Cases];
        for (var c = 0; c < Cases; c++)
        {
            var quality = Normal(random) * 2.5;
            var scores = new JudgeScore[Judges];
            for (var j = 0; j < Judges; j++)
            {
                var criteria = new Dictionary<string, double>(Rubric.Length, StringComparer.Ordinal);
                foreach (var criterion in Rubric)
                {
                    var raw = 13 + quality + leniency[j] + (Normal(random) * 2);
                    criteria[criterion.Id] = Math.Clamp(Math.Round(raw * 2) / 2, 0, criterion.MaxPoints);
                }

                scores[j] = new JudgeScore($"judge-{j + 1:00}", criteria);
            }

            cases[c] = new CaseScores($"district-{c + 1:0000}", scores);
        }

        return cases;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
