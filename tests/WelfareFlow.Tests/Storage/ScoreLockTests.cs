using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Storage;
using WelfareFlow.Tests.Azurite;

namespace WelfareFlow.Tests.Storage;

/// <summary>Finalising a case locks every judge's row in one transaction; a late score then finds it locked.</summary>
[Collection("azurite")]
public sealed class ScoreLockTests(AzuriteFixture azurite)
{
    static readonly string[] Judges = ["judge-1", "judge-2", "judge-3", "judge-4"];

    [Fact]
    public async Task FinalizeCaseAsync_OneScored_LocksEverySeatAndKeepsTheScore()
    {
        var scores = Store();
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
        var scores = Store();
        await scores.FinalizeCaseAsync("round", "gobong", Judges);

        var late = await scores.SaveAsync("round", "gobong", "judge-3", """{"creativity":1}""", "", DateTimeOffset.UnixEpoch);
        var again = await scores.FinalizeCaseAsync("round", "gobong", Judges);

        Assert.Equal(WriteOutcome.Closed, late.Outcome);
        Assert.DoesNotContain(again, r => r.Scored);
    }

    ScoreStore Store() =>
        new(new WelfareTables(StorageAccount.FromConnectionString(azurite.ConnectionString), Options.Create(new WelfareFlowOptions { TaskHub = "lock" + Guid.NewGuid().ToString("N")[..8] })));
}
