using WelfareFlow.Storage;

namespace WelfareFlow.Tests.Storage;

public sealed class ChunkedJsonTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(10, 1)]
    [InlineData(30_000, 1)]
    [InlineData(30_001, 2)]
    [InlineData(95_000, 4)]
    public void Rows_AnyLength_EveryPartFitsAPropertyAndJoinsBack(int length, int expectedRows)
    {
        var json = new string('가', length);

        var rows = ChunkedJson.Rows("round", "~summary", json);

        Assert.Equal(expectedRows, rows.Count);
        Assert.All(rows, r => Assert.True(r.Json.Length <= 32_768));
        Assert.Equal(json, ChunkedJson.Join(rows)["~summary"]);
    }

    [Fact]
    public void Split_SurrogatePairAtTheCut_KeepsThePairTogether()
    {
        var json = new string('a', 9) + "😀" + "b";

        var parts = ChunkedJson.Split(json, partLength: 10);

        Assert.Equal(["aaaaaaaaa", "😀b"], parts);
    }

    [Fact]
    public void Join_PartMissing_LeavesTheDocumentOut()
    {
        var rows = ChunkedJson.Rows("round", "gobong", new string('x', 70_000));

        var joined = ChunkedJson.Join(rows.Where(r => r.RowKey != ChunkedJson.PartKey("gobong", 2)));

        Assert.DoesNotContain("gobong", joined.Keys);
    }
}
