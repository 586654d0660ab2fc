using System.Collections.Concurrent;

namespace WelfareFlow.Storage;

/// <summary>Rows read from storage, kept per key for a short <paramref name="lifetime"/> (at most
/// <paramref name="maxEntries"/>, all forgotten at once when a new one would pass that). For what changes rarely and
/// is read on a hot path, where the change itself evicts it on this instance (<see cref="Forget"/>) and other
/// instances see it within the lifetime. A null read is not kept.</summary>
public sealed class ShortLived<TKey, TValue>(TimeSpan lifetime, int maxEntries) where TKey : notnull
{
    readonly ConcurrentDictionary<TKey, (TValue Value, long ReadAt)> entries = new();

    /// <param name="stillGood">Whether a kept value may still serve this caller (false reads it again at once).</param>
    public async Task<TValue> GetAsync(TKey key, Func<Task<TValue>> read, Func<TValue, bool>? stillGood = null)
    {
        if (entries.TryGetValue(key, out var kept) && Environment.TickCount64 - kept.ReadAt < lifetime.TotalMilliseconds && (stillGood?.Invoke(kept.Value) ?? true))
        {
            return kept.Value;
        }

        var readAt = Environment.TickCount64;
        var value = await read();
        if (entries.Count >= maxEntries) entries.Clear();
        if (value is not null) entries[key] = (value, readAt);
        return value;
    }

    public void Forget(TKey key) => entries.TryRemove(key, out _);
}
