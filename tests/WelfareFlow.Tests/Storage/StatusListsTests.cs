using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Storage;
using WelfareFlow.Tests.Azurite;

namespace WelfareFlow.Tests.Storage;

/// <summary>The narrow lists the round view and the workflow read: only some columns, but always the keys.</summary>
[Collection("azurite")]
public sealed class StatusListsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ListStatusesAsync_SubmittedCase_KeysAndStatusWithoutSummary()
    {
        var tables = Tables();
        var cases = new CaseStore(tables);
        await cases.SubmitAsync("round", "gobong", "이웃 돌봄", new string('요', 20_000), "돌봄", DateTimeOffset.UnixEpoch);

        var row = Assert.Single(await cases.ListStatusesAsync("round"));

        Assert.Equal(("round", "gobong", CaseStatuses.Submitted, "이웃 돌봄", ""), (row.PartitionKey, row.RowKey, row.Status, row.Title, row.Summary));
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

    WelfareTables Tables() =>
        new(StorageAccount.FromConnectionString(azurite.ConnectionString), Options.Create(new WelfareFlowOptions { TaskHub = "lists" + Guid.NewGuid().ToString("N")[..8] }));
}
