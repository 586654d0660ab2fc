using WelfareFlow.Storage;

namespace WelfareFlow.Tests.Storage;

/// <summary>A busy gathering waits before each flush so that callers arriving meanwhile share it, unless an urgent item
/// arrives (the last case of a batch, which the round waits for): then it flushes at once, with whatever waits.</summary>
public sealed class GatheringTests
{
    // Far longer than the test may take: a flush that waited it out would fail the test by its timeout.
    static readonly GatherPace AlwaysBusy = new(Linger: TimeSpan.FromMinutes(10), BusyCount: 1, BusyWindow: TimeSpan.FromMinutes(10));
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task BusyFlushWaitingForOthers_UrgentItemArrives_FlushesAtOnceWithTheWaitingOne()
    {
        var flushed = new List<int[]>();
        var gathering = new Gathering<int, int>(items =>
        {
            lock (flushed) flushed.Add([.. items.Select(i => i.Item)]);
            foreach (var item in items) item.Complete(item.Item * 10);
            return Task.CompletedTask;
        }, AlwaysBusy);

        var waiting = gathering.AddAsync(1);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        var urgent = gathering.AddAsync(2, urgent: true);
        var answers = await Task.WhenAll(waiting, urgent).WaitAsync(Patience);
        Assert.Equal([10, 20], answers);
        Assert.Equal([[1, 2]], flushed);

        // The hurry is spent: the next busy flush waits for others again, until the next urgent item.
        var next = gathering.AddAsync(3);
        await Task.Delay(300);
        Assert.False(next.IsCompleted);
        await gathering.AddAsync(4, urgent: true).WaitAsync(Patience);
        Assert.Equal([[1, 2], [3, 4]], flushed);
    }
}
