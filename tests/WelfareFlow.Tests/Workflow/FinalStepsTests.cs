using WelfareFlow.Storage;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Storage;
using WelfareFlow.Workflow;

namespace WelfareFlow.Tests.Workflow;

/// <summary>Cases whose final steps run at once share their storage calls (<see cref="FinalSteps"/>), on real Azurite:
/// each case still ends locked with its points, marked final and counted once in its batch, a batch is reported done
/// only when its last case is marked, and the cases the shared calls cannot serve (a seat not seen scored, a row
/// missing, no case row) end as they would alone.</summary>
[Collection("azurite")]
public sealed class FinalStepsTests(AzuriteFixture azurite)
{
    static readonly string[] Judges = ["judge-1", "judge-2", "judge-3", "judge-4"];

    [Fact]
    public async Task ManyCasesAtOnce_EachLockedMarkedAndCounted_BatchesReportedOnlyWhenComplete()
    {
        var (rounds, cases, scores, finalSteps) = await RoundWithJudgesAsync();
        // Batches 1 and 2 of 25 cases each finish; batch 3 has 5 cases, of which 4 finish now.
        var steps = Enumerable.Range(1, 50).Select(i => (District: $"dong-{i:D2}", Batch: i <= 25 ? 1 : 2, Size: 25))
            .Concat(Enumerable.Range(1, 4).Select(i => (District: $"eup-{i}", Batch: 3, Size: 5))).ToList();
        // dong-05 saw every judge score but judge-4's row is missing; dong-07 saw only three judges; dong-09 has no case row.
        foreach (var (district, _, _) in steps.Where(s => s.District != "dong-09"))
            await cases.SubmitAsync("round", district, "이웃 돌봄 Neighbourhood care", "요약", "돌봄", DateTimeOffset.UnixEpoch);
        foreach (var (district, _, _) in steps)
            foreach (var judge in Judges.Where(j => !(j == "judge-4" && district is "dong-05" or "dong-07")))
                await scores.SaveAsync("round", district, judge, $$"""{"creativity":{{district.Length + judge[^1] % 10}}}""", "좋습니다", DateTimeOffset.UnixEpoch);

        var answers = await Task.WhenAll(steps.Select(async s => (s.District, s.Batch, Final: await finalSteps.RunAsync(
            new CaseInBatch("round", s.District, s.Batch, s.Size, s.District == "dong-07" ? Judges[..3] : Judges)))));

        foreach (var (district, _, final) in answers)
        {
            var rows = await scores.ListForCaseAsync("round", district);
            var expected = district is "dong-05" or "dong-07" ? Judges[..3] : Judges;
            Assert.Equal(expected, final.ScoredJudges);
            Assert.Equal((4, 4), (rows.Count, rows.Count(r => r.Final)));
            Assert.Equal(expected, rows.Where(r => r.Scored).Select(r => r.JudgeId).Order(StringComparer.Ordinal));
            Assert.All(rows.Where(r => r.Scored), r => Assert.Equal($$"""{"creativity":{{district.Length + r.JudgeId[^1] % 10}}}""", r.CriteriaJson));
        }

        Assert.Equal((25, 25, 4), (await cases.CountFinalInBatchAsync("round", 1), await cases.CountFinalInBatchAsync("round", 2), await cases.CountFinalInBatchAsync("round", 3)));
        Assert.All(await cases.ListStatusesAsync("round"), c => Assert.Equal(CaseStatus.Final, c.Status));
        Assert.Equal(53, (await cases.ListStatusesAsync("round")).Count);
        // A batch is reported done by at least one of its cases, and batch 3 (one case still open) by none.
        Assert.Equal([1, 2], answers.Where(a => a.Final.BatchDone).Select(a => a.Batch).Distinct().Order());
    }

    /// <summary>A case's step delivered twice at once (queues deliver at least once) lands in one flush with its twin: a
    /// transaction may not touch one row twice, so the twin takes the first one's answer instead of failing the flush.</summary>
    [Fact]
    public async Task SameCaseTwiceInOneFlush_BothAnswered_CaseCountedOnce()
    {
        var (rounds, cases, scores, finalSteps) = await RoundWithJudgesAsync();
        var districts = Enumerable.Range(1, 6).Select(i => $"dong-{i}").ToList();
        foreach (var district in districts)
        {
            await cases.SubmitAsync("round", district, "돌봄", "요약", "돌봄", DateTimeOffset.UnixEpoch);
            foreach (var judge in Judges) await scores.SaveAsync("round", district, judge, """{"creativity":15}""", "", DateTimeOffset.UnixEpoch);
        }

        // The first call goes out alone at once; the rest, twins included, wait for it and go in the next flush.
        var steps = districts.Concat(districts).Select(d => finalSteps.RunAsync(new CaseInBatch("round", d, 0, districts.Count, Judges))).ToList();
        var answers = await Task.WhenAll(steps);

        Assert.All(answers, a => Assert.Equal(Judges, a.ScoredJudges));
        Assert.Contains(answers, a => a.BatchDone);
        Assert.Equal(districts.Count, await cases.CountFinalInBatchAsync("round", 0));
    }

    [Fact]
    public async Task CaseStartedBeforeMarkers_CountsInTheBatchRow()
    {
        var (rounds, cases, scores, finalSteps) = await RoundWithJudgesAsync();
        await rounds.SaveIntakeBatchesAsync("round", ["gobong", "janghang"], size: 100);

        var first = await finalSteps.RunAsync(new CaseInBatch("round", "gobong", 0));
        var second = await finalSteps.RunAsync(new CaseInBatch("round", "janghang", 0));

        Assert.Equal((false, true), (first.BatchDone, second.BatchDone));
        Assert.Equal([], first.ScoredJudges);
        var locked = await scores.ListForCaseAsync("round", "gobong");
        Assert.Equal((4, 4), (locked.Count, locked.Count(r => r.Final)));
    }

    /// <summary>The panel is cached for a few seconds; a judge added on another Server instance meanwhile (a replacement)
    /// whose score a case saw makes the step read the panel again, so their seat is locked and their score counts.</summary>
    [Fact]
    public async Task JudgeAddedElsewhereAfterPanelCached_CaseThatSawTheirScore_LocksAndCountsTheirSeat()
    {
        var tables = TestTables.Create(azurite.ConnectionString);
        var (rounds, cases, scores, finalSteps) = await RoundWithJudgesAsync(tables);
        foreach (var district in new[] { "gobong", "janghang" })
        {
            await cases.SubmitAsync("round", district, "돌봄", "요약", "돌봄", DateTimeOffset.UnixEpoch);
        }

        foreach (var judge in Judges) await scores.SaveAsync("round", "gobong", judge, """{"creativity":15}""", "", DateTimeOffset.UnixEpoch);
        Assert.Equal(Judges, (await finalSteps.RunAsync(new CaseInBatch("round", "gobong", 0, 2, Judges))).ScoredJudges);

        // Another instance's store replaces judge-2 with judge-5 (this instance's cache is not told); janghang then gets
        // scores from judges 1, 3, 4 and 5.
        var elsewhere = new RoundStore(tables);
        await elsewhere.SaveParticipantsAsync("round", [], [new ParticipantRow { PartitionKey = "round", RowKey = "judge-5", Name = "심사위원 5", Replaces = "judge-2" }]);
        string[] seen = ["judge-1", "judge-3", "judge-4", "judge-5"];
        foreach (var judge in seen) await scores.SaveAsync("round", "janghang", judge, """{"creativity":12}""", "", DateTimeOffset.UnixEpoch);

        var final = await finalSteps.RunAsync(new CaseInBatch("round", "janghang", 0, 2, seen));

        Assert.Equal(seen, final.ScoredJudges);
        Assert.True(final.BatchDone);
        var rows = await scores.ListForCaseAsync("round", "janghang");
        Assert.Equal((5, 5), (rows.Count, rows.Count(r => r.Final)));
    }

    /// <summary>Fresh tables with a round of the four judges, its stores, and the final steps over them.</summary>
    async Task<(RoundStore Rounds, CaseStore Cases, ScoreStore Scores, FinalSteps FinalSteps)> RoundWithJudgesAsync(WelfareTables? tables = null)
    {
        tables ??= TestTables.Create(azurite.ConnectionString);
        await tables.EnsureCreatedAsync();
        var (rounds, cases, scores) = (new RoundStore(tables), new CaseStore(tables), new ScoreStore(tables));
        await rounds.SaveParticipantsAsync("round", [], Judges.Select(j => new ParticipantRow { PartitionKey = "round", RowKey = j, Name = $"심사위원 {j}" }));
        return (rounds, cases, scores, new FinalSteps(rounds, cases, scores));
    }
}
