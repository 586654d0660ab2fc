using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WelfareFlow.RateLimiting;

/// <summary>
/// Counts refused requests (401/403) per client over a sliding window. A client with too many is refused
/// until its oldest failure leaves the window: guessing or replaying link tokens stays slow, while a judge
/// sending 48 scores in a row is never throttled, since only failures count. Memory is bounded twice: a
/// client keeps at most <see cref="LinkFailureLimitOptions.MaxFailures"/> times, and at most
/// <see cref="LinkFailureLimitOptions.MaxClients"/> clients are kept.
/// </summary>
public sealed class LinkFailureLimiter(IOptions<LinkFailureLimitOptions> options, TimeProvider time)
{
    readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> failures = new(StringComparer.Ordinal);
    readonly Lock sweeping = new();

    public int TrackedClients => failures.Count;

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
        var max = Math.Max(1, options.Value.MaxFailures);
        if (!failures.ContainsKey(client) && failures.Count >= options.Value.MaxClients) MakeRoom(now);
        var queue = failures.GetOrAdd(client, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            Expire(queue, now - options.Value.Window);
            // Only the newest MaxFailures matter: the oldest of them decides when the client may go on.
            while (queue.Count >= max) queue.Dequeue();
            queue.Enqueue(now);
        }
    }

    /// <summary>Forgets clients whose failures all left the window; if that is not enough, the tenth of the
    /// clients whose latest failure is oldest (they are the least likely to be refused next).</summary>
    void MakeRoom(DateTimeOffset now)
    {
        lock (sweeping)
        {
            if (failures.Count < options.Value.MaxClients) return;
            var cutoff = now - options.Value.Window;
            var latest = new List<(string Client, DateTimeOffset Last)>();
            foreach (var (client, queue) in failures)
            {
                lock (queue)
                {
                    Expire(queue, cutoff);
                    if (queue.Count == 0) failures.TryRemove(client, out _);
                    else latest.Add((client, queue.Last()));
                }
            }

            var excess = failures.Count - options.Value.MaxClients + Math.Max(1, options.Value.MaxClients / 10);
            if (excess <= 0) return;
            foreach (var (client, _) in latest.OrderBy(l => l.Last).Take(excess)) failures.TryRemove(client, out _);
        }
    }

    static void Expire(Queue<DateTimeOffset> queue, DateTimeOffset cutoff)
    {
        while (queue.Count > 0 && queue.Peek() <= cutoff) queue.Dequeue();
    }
}
