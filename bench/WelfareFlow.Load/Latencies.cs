using HdrHistogram;

namespace WelfareFlow.Load;

/// <summary>Request latencies in microseconds (HdrHistogram, 3 significant digits), safe to record from many clients.</summary>
public sealed class Latencies
{
    readonly LongHistogram histogram = new(TimeSpan.FromMinutes(10).Ticks / 10, 3);
    readonly Lock gate = new();

    public void Record(TimeSpan elapsed)
    {
        lock (gate) histogram.RecordValue(Math.Max(1, elapsed.Ticks / 10));
    }

    public Percentiles Summary()
    {
        lock (gate)
        {
            double Ms(double percentile) => histogram.TotalCount == 0 ? 0 : Math.Round(histogram.GetValueAtPercentile(percentile) / 1000.0, 1);
            return new Percentiles(histogram.TotalCount, Ms(50), Ms(90), Ms(95), Ms(99), Ms(99.9), histogram.TotalCount == 0 ? 0 : Math.Round(histogram.GetMaxValue() / 1000.0, 1));
        }
    }
}

/// <summary>Milliseconds at each percentile.</summary>
public sealed record Percentiles(long Count, double P50, double P90, double P95, double P99, double P999, double Max);
