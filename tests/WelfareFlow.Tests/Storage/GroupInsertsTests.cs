using Azure.Data.Tables;
using WelfareFlow.Storage;
using WelfareFlow.Tests.Azurite;

namespace WelfareFlow.Tests.Storage;

/// <summary>Rows inserted by many callers at once share transactions, and each caller still learns, for its own row,
/// whether it stored it or found it there: on real Azurite, with repeated keys, rows that existed before, two
/// partitions and more callers than one transaction holds.</summary>
[Collection("azurite")]
public sealed class GroupInsertsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ManyCallersAtOnce_EachKeyStoredOnce_EveryCallerTold()
    {
        var table = new TableClient(azurite.ConnectionString, "group" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("round-2", "k007") { ["By"] = "earlier" });
        var inserts = new GroupInserts(table);
        // 300 calls for 120 rows over two partitions: every row asked for two or three times, one stored already.
        var calls = Enumerable.Range(0, 300).Select(i => (Partition: $"round-{i % 2 + 1}", Key: $"k{i % 120:D3}", Caller: i)).ToList();

        var answers = await Task.WhenAll(calls.Select(async c => (c, Stored: await inserts.AddAsync(new TableEntity(c.Partition, c.Key) { ["By"] = $"caller-{c.Caller}" }))));

        var rows = table.Query<TableEntity>().ToList();
        var keys = calls.Select(c => (c.Partition, c.Key)).Distinct().ToList();
        Assert.Equal(keys.Count, rows.Count);
        foreach (var (partition, key) in keys)
        {
            var winners = answers.Where(a => a.c.Partition == partition && a.c.Key == key && a.Stored).Select(a => $"caller-{a.c.Caller}").ToList();
            var row = rows.Single(r => r.PartitionKey == partition && r.RowKey == key);
            if (partition == "round-2" && key == "k007")
            {
                Assert.Empty(winners);
                Assert.Equal("earlier", row.GetString("By"));
            }
            else
            {
                // Exactly one caller stored the row, and the row is that caller's.
                Assert.Equal([row.GetString("By")], winners);
            }
        }
    }
}
