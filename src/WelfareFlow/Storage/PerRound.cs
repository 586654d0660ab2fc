using System.Collections.Concurrent;

namespace WelfareFlow.Storage;

/// <summary>What a view's cache keeps for each round (<see cref="AuditKeys"/>, <see cref="SettledScores"/>): at most
/// <paramref name="maxRounds"/> rounds (all forgotten at once when a new one would pass that), each used by one
/// caller at a time.</summary>
public sealed class PerRound<T>(int maxRounds) where T : new()
{
    sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public readonly T State = new();
    }

    readonly ConcurrentDictionary<string, Entry> rounds = new(StringComparer.Ordinal);

    public async Task<TResult> UseAsync<TResult>(string roundId, Func<T, Task<TResult>> use, CancellationToken cancellationToken)
    {
        if (rounds.Count >= maxRounds && !rounds.ContainsKey(roundId)) rounds.Clear();
        var entry = rounds.GetOrAdd(roundId, _ => new Entry());
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            return await use(entry.State);
        }
        finally
        {
            entry.Gate.Release();
        }
    }
}
