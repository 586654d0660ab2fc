using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WelfareFlow.RateLimiting;

/// <summary>
/// Counts refused requests (401/403) per client over a sliding window. A client with too many is refused
/// until its oldest failure leaves the window: guessing or replaying link tokens stays slow, while a judge
/// sending 48 scores in a row is never throttled, since only failures count.
/// </summary>
public sealed class LinkFailureLimiter(IOptions<LinkFailureLimitOptions> options, TimeProvider time)
{
    readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> failures = new(StringComparer.Ordinal);
    int recordsSinceSweep;

    /// <summary>How long the client must wait; null if it may go on.</summary>
    public TimeSpan? RetryAfter(string client)
    {
        if (!failures.TryGetValue(client, out var queue)) return null;
        var (max, window) = (options.Value.MaxFailures, options.Value.Window);
        var now = time.GetUtcNow();
        lock (queue)
        {
            Expire(queue, now - window);
            if (queue.Count < max) return null;
            var wait = queue.Peek() + window - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
        }
    }

    public void RecordFailure(string client)
    {
        var now = time.GetUtcNow();
        var queue = failures.GetOrAdd(client, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            Expire(queue, now - options.Value.Window);
            queue.Enqueue(now);
        }

        if (Interlocked.Increment(ref recordsSinceSweep) % 1024 == 0) Sweep(now - options.Value.Window);
    }

    /// <summary>Forgets clients whose failures all left the window, so the table stays small.</summary>
    void Sweep(DateTimeOffset cutoff)
    {
        foreach (var (client, queue) in failures)
        {
            lock (queue)
            {
                Expire(queue, cutoff);
                if (queue.Count == 0) failures.TryRemove(client, out _);
            }
        }
    }

    static void Expire(Queue<DateTimeOffset> queue, DateTimeOffset cutoff)
    {
        while (queue.Count > 0 && queue.Peek() <= cutoff) queue.Dequeue();
    }
}
