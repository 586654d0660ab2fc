namespace WelfareFlow.Ops;

/// <summary>
/// The round page's chart: how many scores had arrived at each moment, against the judging deadline. At most
/// <see cref="MaxPoints"/> points whatever the round's size (later points of one bucket replace earlier ones).
/// </summary>
public sealed record ScoresOverTime(IReadOnlyList<ScoresOverTime.Point> Points, int Expected, DateTimeOffset From, DateTimeOffset To, DateTimeOffset Deadline, DateTimeOffset Now)
{
    public const int MaxPoints = 120;

    public sealed record Point(DateTimeOffset At, int Count);

    public int Received => Points.Count == 0 ? 0 : Points[^1].Count;

    public static ScoresOverTime Build(IEnumerable<DateTimeOffset> scoredAt, int expected, DateTimeOffset start, DateTimeOffset deadline, DateTimeOffset now)
    {
        var times = scoredAt.Order().ToList();
        var to = new[] { deadline, now, times.Count > 0 ? times[^1] : start }.Max();
        var from = times.Count > 0 && times[0] < start ? times[0] : start;
        var span = Math.Max(1, (to - from).Ticks);
        var buckets = new SortedDictionary<int, Point>();
        for (var i = 0; i < times.Count; i++)
        {
            var bucket = (int)((times[i] - from).Ticks * (MaxPoints - 1) / span);
            buckets[bucket] = new Point(times[i], i + 1);
        }

        return new ScoresOverTime([.. buckets.Values], Math.Max(expected, times.Count), from, to, deadline, now);
    }

    /// <summary>Where a moment falls between <see cref="From"/> and <see cref="To"/>, 0 to 1.</summary>
    public double X(DateTimeOffset at) => (at - From).Ticks / (double)Math.Max(1, (To - From).Ticks);
}
