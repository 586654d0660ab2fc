using System.Diagnostics;

namespace WelfareFlow.Load;

/// <summary>One console line redrawn while a phase runs, and the longest time in it without progress.</summary>
public sealed class Progress(string phase, int total)
{
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly Lock gate = new();
    int done;
    TimeSpan last = TimeSpan.Zero;
    TimeSpan longestGap = TimeSpan.Zero;
    TimeSpan? drawn;

    public TimeSpan LongestWithoutProgress { get { lock (gate) return longestGap; } }

    public void Advance(int by = 1, string extra = "")
    {
        lock (gate)
        {
            var now = clock.Elapsed;
            if (by > 0)
            {
                if (now - last > longestGap) longestGap = now - last;
                last = now;
                done += by;
            }

            if (drawn is not { } at || now - at >= TimeSpan.FromMilliseconds(500) || done >= total) Draw(now, extra);
        }
    }

    public void Finish()
    {
        lock (gate) Draw(clock.Elapsed, "");
        Console.WriteLine();
    }

    void Draw(TimeSpan now, string extra)
    {
        drawn = now;
        const int width = 30;
        var filled = total == 0 ? width : (int)Math.Round(width * Math.Min(1, (double)done / total));
        var rate = now.TotalSeconds > 0 ? done / now.TotalSeconds : 0;
        Console.Write($"\r  {phase,-22} [{new string('#', filled)}{new string('.', width - filled)}] {done,6}/{total,-6} {rate,7:F1}/s {now.TotalSeconds,6:F1}s {extra}   ");
    }
}
