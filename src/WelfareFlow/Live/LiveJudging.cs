namespace WelfareFlow.Live;

/// <summary>How a round is judged: <see cref="Remote"/> (weeks, through the links) or <see cref="Live"/> (the
/// presentation day: one case at a time, in a running order, scored while it presents).</summary>
public static class LiveJudging
{
    public const string Remote = "remote";
    public const string Live = "live";

    public static readonly string[] All = [Remote, Live];
}
