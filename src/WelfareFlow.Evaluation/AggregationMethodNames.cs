namespace WelfareFlow.Evaluation;

/// <summary>The names the HTTP contract uses for <see cref="AggregationMethod"/>.</summary>
public static class AggregationMethodNames
{
    private static readonly string[] Names = ["mean", "median", "trimmed-mean", "z-score"];

    /// <summary>Every wire name, in the order of <see cref="AggregationMethod"/>.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>All methods, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<AggregationMethod> Methods { get; } =
        [AggregationMethod.Mean, AggregationMethod.Median, AggregationMethod.TrimmedMean, AggregationMethod.ZScore];

    public static string ToWire(AggregationMethod m) => m switch
    {
        AggregationMethod.Mean => "mean",
        AggregationMethod.Median => "median",
        AggregationMethod.TrimmedMean => "trimmed-mean",
        AggregationMethod.ZScore => "z-score",
        _ => throw new ArgumentOutOfRangeException(nameof(m), m, "Unknown aggregation method."),
    };

    /// <summary>Parses a wire name; case is ignored because clients hand-write these in JSON.</summary>
    public static bool TryParse(string? wire, out AggregationMethod m)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (string.Equals(wire, Names[i], StringComparison.OrdinalIgnoreCase))
            {
                m = Methods[i];
                return true;
            }
        }

        m = default;
        return false;
    }
}
