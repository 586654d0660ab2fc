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

        var locked = await scores.FinalizeCaseAsync("round", "gobong", Judges);

        Assert.Equal(Judges, locked.Select(r => r.JudgeId));
        Assert.All(locked, r => Assert.True(r.Final));
        Assert.Equal(["judge-2"], locked.Where(r => r.Scored).Select(r => r.JudgeId));
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
        Assert.DoesNotContain(again, r => r.Scored);
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
}
