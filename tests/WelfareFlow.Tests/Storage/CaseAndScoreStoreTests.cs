using WelfareFlow.Storage;
using WelfareFlow.Tests.Azurite;

namespace WelfareFlow.Tests.Storage;

/// <summary>The case and score stores on real Azurite: the narrow lists the round view and the workflow read (only
/// some columns, but always the keys), saving without a read, and locking a case's scores in one transaction.</summary>
[Collection("azurite")]
public sealed class CaseAndScoreStoreTests(AzuriteFixture azurite)
{
    static readonly string[] Judges = ["judge-1", "judge-2", "judge-3", "judge-4"];

    [Fact]
    public async Task FinalizeCaseAsync_OneScored_LocksEverySeatAndKeepsTheScore()
    {
        var scores = new ScoreStore(Tables());
        await scores.SaveAsync("round", "gobong", "judge-2", """{"creativity":18}""", "", DateTimeOffset.UnixEpoch);

        var scored = await scores.FinalizeCaseAsync("round", "gobong", Judges);

        Assert.Equal(["judge-2"], scored);
        var stored = await scores.ListForCaseAsync("round", "gobong");
        Assert.Equal((4, 4, """{"creativity":18}"""), (stored.Count, stored.Count(r => r.Final), stored.Single(r => r.Scored).CriteriaJson));
    }

    [Fact]
    public async Task SaveAsync_AfterFinalize_Closed()
    {
        var scores = new ScoreStore(Tables());
        await scores.FinalizeCaseAsync("round", "gobong", Judges);

        var late = await scores.SaveAsync("round", "gobong", "judge-3", """{"creativity":1}""", "", DateTimeOffset.UnixEpoch);
        var again = await scores.FinalizeCaseAsync("round", "gobong", Judges);

        Assert.Equal(WriteOutcome.Closed, late.Outcome);
        Assert.Empty(again);
    }


    [Fact]
    public async Task FinalizeCaseAsync_EverySeatScored_MergesTheLockAndKeepsThePoints()
    {
        var scores = new ScoreStore(Tables());
        foreach (var (judge, i) in Judges.Select((j, i) => (j, i)))
            await scores.SaveAsync("round", "gobong", judge, $$"""{"creativity":{{i + 10}}}""", "좋아요", DateTimeOffset.UnixEpoch);

        var scored = await scores.FinalizeCaseAsync("round", "gobong", Judges, scored: Judges.Reverse());
        var late = await scores.SaveAsync("round", "gobong", "judge-3", """{"creativity":1}""", "", DateTimeOffset.UnixEpoch);

        Assert.Equal(Judges, scored);
        Assert.Equal(WriteOutcome.Closed, late.Outcome);
        var stored = (await scores.ListForCaseAsync("round", "gobong")).OrderBy(r => r.JudgeId, StringComparer.Ordinal).ToList();
        Assert.All(stored, r => Assert.True(r is { Final: true, Scored: true, Comment: "좋아요", Revision: 1 }));
        Assert.Equal(Judges.Select((_, i) => $$"""{"creativity":{{i + 10}}}"""), stored.Select(r => r.CriteriaJson));
    }

    [Fact]
    public async Task FinalizeCaseAsync_ASeatTheCaseSawScoredHasNoRow_LocksItUnscored()
    {
        var scores = new ScoreStore(Tables());
        foreach (var judge in Judges.Take(3))
            await scores.SaveAsync("round", "gobong", judge, """{"creativity":18}""", "", DateTimeOffset.UnixEpoch);

        var scored = await scores.FinalizeCaseAsync("round", "gobong", Judges, scored: Judges);

        Assert.Equal(Judges.Take(3), scored);
        var stored = await scores.ListForCaseAsync("round", "gobong");
        Assert.Equal((4, 4, 3), (stored.Count, stored.Count(r => r.Final), stored.Count(r => r.Scored)));
    }

    [Fact]
    public async Task MarkFinalAsync_CountsEachCaseOnceInItsBatch_AndCaseListsSkipTheMarkers()
    {
        var cases = new CaseStore(Tables());
        foreach (var districtId in new[] { "gobong", "janghang", "ilsan-1" })
            await cases.SubmitAsync("round", districtId, "이웃 돌봄", "요약", "돌봄", DateTimeOffset.UnixEpoch);

        await cases.MarkFinalAsync("round", "gobong", 1);
        await cases.MarkFinalAsync("round", "gobong", 1); // a retried activity
        await cases.MarkFinalAsync("round", "janghang", 10);
        await cases.MarkFinalAsync("round", "no-case-row", 1);

        Assert.Equal((0, 2, 1), (await cases.CountFinalInBatchAsync("round", 0), await cases.CountFinalInBatchAsync("round", 1), await cases.CountFinalInBatchAsync("round", 10)));
        var statuses = (await cases.ListStatusesAsync("round")).Select(c => (c.RowKey, c.Status)).Order().ToList();
        Assert.Equal([("gobong", CaseStatus.Final), ("ilsan-1", CaseStatus.Submitted), ("janghang", CaseStatus.Final)], statuses);
        Assert.Equal(3, (await cases.ListAsync("round")).Count);
    }

    [Fact]
    public async Task ListStatusesAsync_SubmittedCase_KeysAndStatusWithoutSummary()
    {
        var tables = Tables();
        var cases = new CaseStore(tables);
        await cases.SubmitAsync("round", "gobong", "이웃 돌봄", new string('요', 20_000), "돌봄", DateTimeOffset.UnixEpoch);

        var row = Assert.Single(await cases.ListStatusesAsync("round"));

        Assert.Equal(("round", "gobong", CaseStatus.Submitted, "이웃 돌봄", ""), (row.PartitionKey, row.RowKey, row.Status, row.Title, row.Summary));
    }

    [Fact]
    public async Task ListSeatsAsync_SavedScore_KeysAndWhoScoredWithoutPoints()
    {
        var tables = Tables();
        var scores = new ScoreStore(tables);
        await scores.SaveAsync("round", "gobong", "judge-1", """{"creativity":18}""", "좋습니다", DateTimeOffset.UnixEpoch);

        var row = Assert.Single(await scores.ListSeatsAsync("round"));

        Assert.Equal(("round", ScoreRow.KeyOf("gobong", "judge-1"), "gobong", "judge-1", true, "{}", ""),
            (row.PartitionKey, row.RowKey, row.DistrictId, row.JudgeId, row.Scored, row.CriteriaJson, row.Comment));
    }

    [Fact]
    public async Task SaveAsync_SecondSaveOfOneSeat_IsARevision()
    {
        var scores = new ScoreStore(Tables());
        var first = await scores.SaveAsync("round", "gobong", "judge-1", """{"creativity":18}""", "", DateTimeOffset.UnixEpoch);

        var second = await scores.SaveAsync("round", "gobong", "judge-1", """{"creativity":12}""", "", DateTimeOffset.UnixEpoch);

        Assert.Equal((WriteOutcome.Created, 1), (first.Outcome, first.After!.Revision));
        Assert.Equal((WriteOutcome.Updated, 2, """{"creativity":18}"""), (second.Outcome, second.After!.Revision, second.Before!.CriteriaJson));
    }

    WelfareTables Tables() => TestTables.Create(azurite.ConnectionString);

    /// <summary>The views read a round's scores with the final rows kept in memory (<see cref="SettledScores"/>): every
    /// listing equals a full read of the table, as cases become final one by one and many at once (also by the lock
    /// that merges without a read), as open scores are revised, and when a row is written for a final case afterwards
    /// (a replacement judge's seat). No margin here, so a view after the first reads only rows written since.</summary>
    [Fact]
    public async Task ListPointsAsync_AsCasesBecomeFinal_EqualsAFullRead()
    {
        var tables = Tables();
        var scores = new ScoreStore(tables, settledMargin: TimeSpan.Zero);
        var round = "settled-" + Guid.NewGuid().ToString("N")[..8];
        var cases = Enumerable.Range(1, 24).Select(i => $"동-{i:D2}").ToList();
        async Task AssertSameAsFullReadAsync()
        {
            var listed = await scores.ListPointsAsync(round);
            var stored = await scores.ListAsync(round);
            Assert.Equal(Describe(stored), Describe(listed));
        }

        foreach (var (districtId, i) in cases.Select((c, i) => (c, i)))
        {
            foreach (var judge in Judges.Take(1 + i % 4))
                await scores.SaveAsync(round, districtId, judge, $$"""{"creativity":{{i}}}""", "평가", DateTimeOffset.UnixEpoch);
        }

        await AssertSameAsFullReadAsync();

        // One case at a time.
        foreach (var districtId in cases.Take(3))
        {
            await scores.FinalizeCaseAsync(round, districtId, Judges);
            await AssertSameAsFullReadAsync();
        }

        // A revision of an open case shows; a seat written for a final case afterwards shows too.
        await scores.SaveAsync(round, cases[5], "judge-1", """{"creativity":99}""", "수정", DateTimeOffset.UnixEpoch);
        await scores.SaveAsync(round, cases[0], "judge-5", """{"creativity":7}""", "", DateTimeOffset.UnixEpoch);
        await AssertSameAsFullReadAsync();

        // Many at once; then another instance's first view (every row).
        foreach (var (districtId, i) in cases.Select((c, i) => (c, i)).Skip(3))
        {
            // Where the case saw every seat scored, the lock is merged in without a read.
            await scores.FinalizeCaseAsync(round, districtId, Judges, scored: Judges.Take(1 + i % 4));
        }

        await AssertSameAsFullReadAsync();
        await AssertSameAsFullReadAsync();
        var another = new ScoreStore(tables, settledMargin: TimeSpan.Zero);
        Assert.Equal(Describe(await scores.ListAsync(round)), Describe(await another.ListPointsAsync(round)));
        Assert.Equal(cases.Count * Judges.Length + 1, (await another.ListPointsAsync(round)).Count);
    }

    /// <summary>A big round's first view reads its scores past the first page (1,000 rows) as key ranges side by
    /// side, split at the first case of evenly spaced intake batches: every row comes exactly once, also where one
    /// district id begins another ("dong-1", "dong-1-a", "dong-10").</summary>
    [Fact]
    public async Task ListPointsAsync_AfterTheClose_ReadsInRangesEveryRowOnce()
    {
        var tables = Tables();
        var round = "ranges-" + Guid.NewGuid().ToString("N")[..8];
        var cases = Enumerable.Range(1, 200).SelectMany(i => new[] { $"dong-{i}", $"dong-{i}-a" }).ToList();
        var batches = await new RoundStore(tables).SaveIntakeBatchesAsync(round, cases, size: 3);
        var writer = new ScoreStore(tables);
        await Parallel.ForEachAsync(cases.Select((c, i) => (c, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) =>
        {
            var (districtId, i) = item;
            await writer.SaveAsync(round, districtId, Judges[i % 4], $$"""{"creativity":{{i}}}""", "", DateTimeOffset.UnixEpoch);
            if (i % 5 != 0) await writer.FinalizeCaseAsync(round, districtId, Judges);
        });

        var splits = await KeyRanges.CaseSplitsAsync(tables.Rounds, round, CancellationToken.None);
        var listed = await new ScoreStore(tables).ListPointsAsync(round);

        var firsts = cases.Order(StringComparer.Ordinal).Chunk(3).Select(b => b[0]).ToHashSet();
        Assert.Equal((134, KeyRanges.Count - 1), (batches, splits.Count));
        Assert.All(splits, s => Assert.Contains(s, firsts));
        Assert.Equal(splits.Order(StringComparer.Ordinal), splits);
        var whole = await writer.ListAsync(round);
        Assert.True(whole.Count > 1_000, $"{whole.Count} rows");
        Assert.Equal(Describe(whole), Describe(listed));
    }

    /// <summary>After a view, the scores of a whole big round are locked at once (more than a page of rows written
    /// since): the next view reads them again in key ranges with its "changed since" filter, and lists every row
    /// exactly once, as a full read does.</summary>
    [Fact]
    public async Task ListPointsAsync_EveryCaseLockedAfterAView_ReadsTheChangedRowsInRangesEveryRowOnce()
    {
        var tables = Tables();
        var round = "relock-" + Guid.NewGuid().ToString("N")[..8];
        var cases = Enumerable.Range(1, 300).SelectMany(i => new[] { $"dong-{i}", $"dong-{i}-a" }).ToList();
        await new RoundStore(tables).SaveIntakeBatchesAsync(round, cases, size: 5);
        var scores = new ScoreStore(tables, settledMargin: TimeSpan.Zero);
        await Parallel.ForEachAsync(cases.Select((c, i) => (c, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) =>
            await scores.SaveAsync(round, item.c, Judges[item.i % 4], $$"""{"creativity":{{item.i}}}""", "", DateTimeOffset.UnixEpoch));
        Assert.Equal(cases.Count, (await scores.ListPointsAsync(round)).Count);

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (districtId, _) =>
            await scores.FinalizeCaseAsync(round, districtId, Judges));
        var listed = await scores.ListPointsAsync(round);

        var whole = await scores.ListAsync(round);
        Assert.Equal(cases.Count * Judges.Length, whole.Count);
        Assert.All(whole, row => Assert.True(row.Final));
        Assert.Equal(Describe(whole), Describe(listed));
    }

    /// <summary>A big round's case statuses and districts are read past their first page as key ranges side by side,
    /// split where the intake batches split the cases: every case and district exactly once and in key order, no
    /// batch marker among the cases; and one page's names come from one range of keys.</summary>
    [Fact]
    public async Task ListStatusesAndDistricts_ThousandsOfCases_EveryOneOnceInKeyOrder()
    {
        var tables = Tables();
        var round = "lists-" + Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(1, 700).SelectMany(i => new[] { $"dong-{i}", $"dong-{i}-a" }).ToList();
        var rounds = new RoundStore(tables);
        await tables.EnsureCreatedAsync(); // (a round's participants are saved after its round row, which creates the tables)
        await rounds.SaveParticipantsAsync(round, ids.Select(id => new ParticipantRow { RowKey = id, Name = $"{id} 행정복지센터", Email = $"{id}@example.org" }), []);
        await rounds.SaveIntakeBatchesAsync(round, ids, size: 10);
        var cases = new CaseStore(tables);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
            await cases.SubmitAsync(round, id, "이웃 돌봄", "요약", "돌봄", DateTimeOffset.UnixEpoch));
        var final = ids.Take(300).ToHashSet();
        await Parallel.ForEachAsync(final, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) => await cases.MarkFinalAsync(round, id, batch: 1));

        var statuses = await cases.ListStatusesAsync(round);
        var districts = await rounds.GetDistrictsAsync(round);
        var inKeyOrder = ids.Order(StringComparer.Ordinal).ToList();
        var page = inKeyOrder.Skip(500).Take(50).ToList();
        var names = await rounds.GetDistrictNamesAsync(round, page[0], page[^1]);

        Assert.True((await KeyRanges.CaseSplitsAsync(tables.Rounds, round, CancellationToken.None)).Count > 1);
        Assert.Equal(inKeyOrder, statuses.Select(c => c.RowKey));
        Assert.All(statuses, c => Assert.Equal(final.Contains(c.RowKey) ? CaseStatus.Final : CaseStatus.Submitted, c.Status));
        Assert.Equal(inKeyOrder, districts.Select(d => d.RowKey));
        Assert.Equal(page.ToDictionary(id => id, id => $"{id} 행정복지센터"), names);
    }

    static List<string> Describe(IEnumerable<ScoreRow> rows) =>
        [.. rows.Select(r => $"{r.RowKey} {r.Scored} {r.Final} {r.Recused} {r.CriteriaJson}").Order(StringComparer.Ordinal)];
}
