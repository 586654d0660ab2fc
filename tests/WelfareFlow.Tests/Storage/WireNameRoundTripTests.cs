using System.Text.Json;
using Azure.Data.Tables;
using WelfareFlow.Live;
using WelfareFlow.Storage;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Workflow;

namespace WelfareFlow.Tests.Storage;

/// <summary>The phase and status enums keep the strings of the contract (DESIGN §5) everywhere they leave the
/// process: JSON with the product's options and with the defaults the durable hosts use, and the table columns
/// that rows written before the enums already hold.</summary>
[Collection("azurite")]
public sealed class WireNameRoundTripTests(AzuriteFixture azurite)
{
    public static TheoryData<Enum, string> Contract => new()
    {
        { RoundPhase.Submission, "submission" }, { RoundPhase.Judging, "judging" }, { RoundPhase.Review, "review" }, { RoundPhase.Published, "published" },
        { CaseStatus.Submitted, "submitted" }, { CaseStatus.NotSubmitted, "not-submitted" }, { CaseStatus.Judging, "judging" }, { CaseStatus.Final, "final" },
        { CasePhase.Judging, "judging" }, { CasePhase.Escalated, "escalated" }, { CasePhase.Final, "final" },
        { JudgingMode.Remote, "remote" }, { JudgingMode.Live, "live" },
    };

    [Theory]
    [MemberData(nameof(Contract))]
    public void Json_EveryMember_IsItsContractStringBothWays(Enum value, string wire)
    {
        foreach (var options in new[] { Json.Options, new JsonSerializerOptions() })
        {
            Assert.Equal($"\"{wire}\"", JsonSerializer.Serialize(value, value.GetType(), options));
            Assert.Equal(value, JsonSerializer.Deserialize($"\"{wire}\"", value.GetType(), options));
        }
    }

    [Fact]
    public void WireNames_All_AreTheContractStringsInOrder()
    {
        Assert.Equal(["submission", "judging", "review", "published"], WireNames.All<RoundPhase>());
        Assert.Equal(["submitted", "not-submitted", "judging", "final"], WireNames.All<CaseStatus>());
        Assert.Equal(["judging", "escalated", "final"], WireNames.All<CasePhase>());
        Assert.Equal(["remote", "live"], WireNames.All<JudgingMode>());
        Assert.False(WireNames.TryParse<JudgingMode>("Live", out _));
    }

    [Fact]
    public void CustomStatuses_Phase_IsTheContractString()
    {
        var round = JsonSerializer.SerializeToElement(new RoundProgress(RoundPhase.Review, 3, 3), Json.Options);
        var caseStatus = JsonSerializer.SerializeToElement(new CaseProgress(CasePhase.Escalated, [], ["judge-1"], DateTimeOffset.UnixEpoch), Json.Options);

        Assert.Equal(("review", "escalated"), (round.GetProperty("phase").GetString(), caseStatus.GetProperty("phase").GetString()));
        Assert.Equal(CasePhase.Escalated, JsonSerializer.Deserialize<CaseProgress>("""{"Phase":"escalated","Scored":[],"Pending":[],"Deadline":"2026-01-01T00:00:00Z"}""")!.Phase);
    }

    [Theory]
    [InlineData(RoundPhase.Submission, CaseStatus.Submitted)]
    [InlineData(RoundPhase.Judging, CaseStatus.NotSubmitted)]
    [InlineData(RoundPhase.Review, CaseStatus.Judging)]
    [InlineData(RoundPhase.Published, CaseStatus.Final)]
    public async Task TableRows_PhaseAndStatus_StoredAsContractStringsInTheirOldColumns(RoundPhase phase, CaseStatus status)
    {
        var tables = TestTables.Create(azurite.ConnectionString);
        await tables.EnsureCreatedAsync();
        await tables.Rounds.AddEntityAsync(new RoundRow { PartitionKey = "round", RowKey = RoundRow.Key, Phase = phase });
        await tables.Cases.AddEntityAsync(new CaseRow { PartitionKey = "round", RowKey = "gobong", Status = status });

        var roundColumns = (await tables.Rounds.GetEntityAsync<TableEntity>("round", RoundRow.Key)).Value;
        var caseColumns = (await tables.Cases.GetEntityAsync<TableEntity>("round", "gobong")).Value;
        Assert.Equal((WireNames.ToWire(phase), WireNames.ToWire(status)), (roundColumns.GetString("Phase"), caseColumns.GetString("Status")));
        Assert.False(roundColumns.ContainsKey(nameof(RoundRow.PhaseColumn)) || caseColumns.ContainsKey(nameof(CaseRow.StatusColumn)));

        Assert.Equal(phase, (await new RoundStore(tables).GetAsync("round"))!.Phase);
        Assert.Equal(status, (await new CaseStore(tables).GetAsync("round", "gobong"))!.Status);
    }

    [Fact]
    public async Task CaseRow_WrittenAsPlainStrings_ReadsAsTheEnum()
    {
        // What a version before the enums wrote: a string column named Status.
        var tables = TestTables.Create(azurite.ConnectionString);
        await tables.EnsureCreatedAsync();
        await tables.Cases.AddEntityAsync(new TableEntity("round", "gobong") { ["Status"] = "not-submitted", ["Title"] = "" });

        var row = Assert.Single(await new CaseStore(tables).ListStatusesAsync("round"));

        Assert.Equal(CaseStatus.NotSubmitted, row.Status);
    }
}
