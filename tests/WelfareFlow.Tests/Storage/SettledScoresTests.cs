using WelfareFlow.Storage;
using WelfareFlow.Tests.Azurite;

namespace WelfareFlow.Tests.Storage;

/// <summary>The views read a round's scores with the final cases' rows kept in memory (<see cref="SettledScores"/>):
/// on real Azurite, every listing equals a full read of the table, as cases become final one by one and many at once,
/// as open scores are revised, and when a row is written for a final case afterwards (a replacement judge's seat).</summary>
[Collection("azurite")]
public sealed class SettledScoresTests(AzuriteFixture azurite)
{
    static readonly string[] Judges = ["judge-1", "judge-2", "judge-3", "judge-4"];

    [Fact]
    public async Task ListPointsAsync_AsCasesBecomeFinal_EqualsAFullRead()
    {
        var tables = TestTables.Create(azurite.ConnectionString);
        var scores = new ScoreStore(tables);
        var round = "settled-" + Guid.NewGuid().ToString("N")[..8];
        var cases = Enumerable.Range(1, 24).Select(i => $"동-{i:D2}").ToList();
        var final = new List<string>();
        async Task AssertSameAsFullReadAsync()
        {
            var listed = await scores.ListPointsAsync(round, final);
            var stored = await scores.ListAsync(round);
            Assert.Equal(Describe(stored), Describe(listed));
        }

        foreach (var (districtId, i) in cases.Select((c, i) => (c, i)))
        {
            foreach (var judge in Judges.Take(1 + i % 4))
                await scores.SaveAsync(round, districtId, judge, $$"""{"creativity":{{i}}}""", "평가", DateTimeOffset.UnixEpoch);
        }

        await AssertSameAsFullReadAsync();

        // One case at a time: each read once by its own key range.
        foreach (var districtId in cases.Take(3))
        {
            await scores.FinalizeCaseAsync(round, districtId, Judges);
            final.Add(districtId);
            await AssertSameAsFullReadAsync();
        }

        // A revision of an open case shows; a seat written for a final case afterwards shows too.
        await scores.SaveAsync(round, cases[5], "judge-1", """{"creativity":99}""", "수정", DateTimeOffset.UnixEpoch);
        await scores.SaveAsync(round, cases[0], "judge-5", """{"creativity":7}""", "", DateTimeOffset.UnixEpoch);
        await AssertSameAsFullReadAsync();

        // Many at once: one query each while judging, one query of every final row at another instance's first view.
        foreach (var districtId in cases.Skip(3))
        {
            await scores.FinalizeCaseAsync(round, districtId, Judges);
            final.Add(districtId);
        }

        await AssertSameAsFullReadAsync();
        await AssertSameAsFullReadAsync();
        var another = new ScoreStore(tables);
        Assert.Equal(Describe(await scores.ListAsync(round)), Describe(await another.ListPointsAsync(round, final)));
        Assert.Equal(cases.Count * Judges.Length + 1, (await another.ListPointsAsync(round, final)).Count);
    }

    static List<string> Describe(IEnumerable<ScoreRow> rows) =>
        [.. rows.Select(r => $"{r.RowKey} {r.Scored} {r.Final} {r.Recused} {r.CriteriaJson}").Order(StringComparer.Ordinal)];
}
