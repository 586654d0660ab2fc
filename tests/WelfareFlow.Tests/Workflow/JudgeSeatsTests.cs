using WelfareFlow.Storage;
using WelfareFlow.Workflow;

namespace WelfareFlow.Tests.Workflow;

public sealed class JudgeSeatsTests
{
    static ParticipantRow Judge(string id, bool active = true, string replaces = "") => new() { RowKey = id, Active = active, Replaces = replaces };

    [Theory]
    // judge-2 was replaced by judge-3, who was replaced by judge-4. Scored by → judges still owed.
    [InlineData("", "judge-1,judge-4")]
    [InlineData("judge-1", "judge-4")]
    [InlineData("judge-2", "judge-1")]            // judge-2's score fills the seat judge-4 now holds
    [InlineData("judge-3", "judge-1")]            // so does judge-3's
    [InlineData("judge-1,judge-4", "")]
    public void Pending_WithReplacementChain_OwedOnlyWhereNoPredecessorScored(string scoredBy, string expected)
    {
        ParticipantRow[] judges = [Judge("judge-1"), Judge("judge-2", active: false), Judge("judge-3", active: false, replaces: "judge-2"), Judge("judge-4", replaces: "judge-3")];
        var scored = scoredBy.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

        var pending = JudgeSeats.Pending(judges, scored).Select(j => j.RowKey);

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), pending.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Pending_ReplacementCycle_Terminates()
    {
        ParticipantRow[] judges = [Judge("a", replaces: "b"), Judge("b", replaces: "a")];
        Assert.Equal(["a", "b"], JudgeSeats.Pending(judges, new HashSet<string>()).Select(j => j.RowKey).Order(StringComparer.Ordinal));
    }
}
