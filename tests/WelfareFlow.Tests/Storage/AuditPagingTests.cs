using Microsoft.Extensions.Time.Testing;
using WelfareFlow.Ops;
using WelfareFlow.Storage;
using WelfareFlow.Tests.Azurite;

namespace WelfareFlow.Tests.Storage;

/// <summary>The dashboard reads one page of a round's audit, newest first, without loading every entry's
/// before and after: on real Azurite, every page holds exactly the entries the whole list would give it.</summary>
[Collection("azurite")]
public sealed class AuditPagingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task NewestFirstAsync_EveryPage_SameEntriesAsTheWholeListReversed()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var audit = new AuditLog(TestTables.Create(azurite.ConnectionString), clock);
        for (var i = 0; i < 7; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await audit.AppendAsync("round", "judge:judge-1", "score-entered", $"case-{i}", after: new { note = new string('가', 100 * i) });
        }

        await audit.AppendAsync("other-round", "system", "results-allocated", "other-round");
        var whole = Enumerable.Reverse(await audit.ListAsync("round")).ToList();

        const int size = 3;
        var pages = Paging.Of(whole.Count, 1, size).Pages;
        var read = new List<AuditEntry>();
        for (var page = 1; page <= pages; page++)
        {
            var (total, entries) = await audit.NewestFirstAsync("round", rows =>
            {
                var paging = Paging.Of(rows, page, size);
                return (paging.Skip, paging.Size);
            });
            Assert.Equal(whole.Count, total);
            Assert.Equal(Math.Min(size, whole.Count - (page - 1) * size), entries.Count);
            read.AddRange(entries);
        }

        Assert.Equal(7, whole.Count);
        Assert.Equal(whole.Select(e => (e.Subject, e.After)), read.Select(e => (e.Subject, e.After)));
        Assert.Equal("case-6", read[0].Subject);
    }

    [Fact]
    public async Task NewestFirstAsync_NoEntries_EmptyPage()
    {
        var audit = new AuditLog(TestTables.Create(azurite.ConnectionString), TimeProvider.System);

        var (total, entries) = await audit.NewestFirstAsync("nothing", _ => (0, 50));

        Assert.Equal((0, 0), (total, entries.Count));
    }

    /// <summary>The keys are kept between views and only the latest re-read: entries appended after a view, by this
    /// instance or by another whose clock runs a few seconds behind, are counted and shown by the next view.</summary>
    [Fact]
    public async Task NewestFirstAsync_AfterAView_ListsEntriesAppendedSince_HereAndByAnotherInstance()
    {
        var tables = TestTables.Create(azurite.ConnectionString);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var behind = new FakeTimeProvider(clock.GetUtcNow());
        var here = new AuditLog(tables, clock);
        var there = new AuditLog(tables, behind);
        var round = "keys-" + Guid.NewGuid().ToString("N")[..8];
        async Task<List<string>> ViewAsync() => (await here.NewestFirstAsync(round, _ => (0, 100))).Page.Select(e => e.Subject).ToList();

        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            await here.AppendAsync(round, "system", "case-submitted", $"early-{i}");
        }

        Assert.Equal(["early-2", "early-1", "early-0"], await ViewAsync());

        clock.Advance(TimeSpan.FromSeconds(10));
        await here.AppendAsync(round, "system", "case-submitted", "later-here");
        behind.SetUtcNow(clock.GetUtcNow() - TimeSpan.FromSeconds(15)); // before the last view, by its clock
        await there.AppendAsync(round, "system", "case-submitted", "later-there");

        var (total, _) = await here.NewestFirstAsync(round, _ => (0, 0));
        Assert.Equal(5, total);
        Assert.Equal(["later-here", "early-2", "later-there", "early-1", "early-0"], await ViewAsync());
    }

    /// <summary>After a view, a burst of more than a page of entries (a score's entry each while a round is judged):
    /// the next view's refresh reads them in ranges of equal time side by side, and counts and shows every one.</summary>
    [Fact]
    public async Task NewestFirstAsync_ABurstAfterAView_CountsEveryEntryOnce()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var audit = new AuditLog(TestTables.Create(azurite.ConnectionString), clock);
        var round = "burst-" + Guid.NewGuid().ToString("N")[..8];
        await audit.AppendAsync(round, "operator", "submissions-closed", round);
        Assert.Equal(1, (await audit.NewestFirstAsync(round, _ => (0, 10))).Total);

        const int burst = 1_600;
        for (var wave = 0; wave < 16; wave++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(40 * wave + 1));
            await Task.WhenAll(Enumerable.Range(wave * 100, 100).Select(i => audit.AppendAsync(round, "judge:judge-1", "score-entered", $"case-{i:D5}")));
        }

        var (total, lastPage) = await audit.NewestFirstAsync(round, total => (total - 3, 3));
        var whole = await audit.ListAsync(round);

        Assert.Equal((burst + 1, burst + 1), (total, whole.Count));
        Assert.Equal(whole.Take(3).Reverse().Select(e => e.Subject), lastPage.Select(e => e.Subject));
        Assert.Equal(round, lastPage[^1].Subject);
    }

    /// <summary>A round's audit of thousands of entries is read past its first page as ranges of equal time side by
    /// side (<see cref="KeyRanges"/>): every entry once and in order, the whole list and the dashboard's keys alike,
    /// with entries bunched unevenly in time as a contest writes them.</summary>
    [Fact]
    public async Task ListAsync_ThousandsOfEntries_EveryEntryOnceInOrder()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var audit = new AuditLog(TestTables.Create(azurite.ConnectionString), clock);
        var round = "big-audit-" + Guid.NewGuid().ToString("N")[..8];
        var written = 0;
        for (var wave = 0; wave < 25; wave++)
        {
            clock.Advance(wave % 5 == 0 ? TimeSpan.FromHours(wave) : TimeSpan.FromMilliseconds(wave));
            var size = 50 + wave * 4;
            await Task.WhenAll(Enumerable.Range(written, size).Select(i => audit.AppendAsync(round, "judge:judge-1", "score-entered", $"case-{i:D5}")));
            written += size;
        }

        var whole = await audit.ListAsync(round);
        var (total, newest) = await audit.NewestFirstAsync(round, _ => (0, 3));

        Assert.True(written > 2_000, $"{written} entries");
        Assert.Equal(Enumerable.Range(0, written).Select(i => $"case-{i:D5}").ToHashSet(), whole.Select(e => e.Subject).ToHashSet());
        Assert.Equal(written, whole.Count);
        Assert.Equal(whole.OrderBy(e => e.At).Select(e => e.At), whole.Select(e => e.At));
        Assert.Equal(written, total);
        Assert.Equal(whole.TakeLast(3).Reverse().Select(e => e.Subject), newest.Select(e => e.Subject));
    }
}
