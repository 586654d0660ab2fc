using System.Diagnostics;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using WelfareFlow.Server.Azurite;

namespace WelfareFlow.Tests.Azurite;

/// <summary>
/// The launcher saves Azurite's table database as a journal of changes (azurite-journal.js) and replays it on
/// start. These tests change tables in every way the product and the durable engine do (insert, replace, merge,
/// delete, delete and recreate a table), kill Azurite without letting it flush, and check that a restart on the
/// same folder holds exactly what was acknowledged before the last save, then again after a clean restart.
/// </summary>
public sealed class AzuriteJournalTests : IDisposable
{
    private const string JournalFile = "__azurite_db_table__.json.journal";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "welfareflow-journal-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task KilledAfterASave_RestartRestoresEveryChange_AndACleanRestartKeepsThem()
    {
        var expected = new Dictionary<(string, string), string>();
        var random = new Random(2024);

        await using (var first = await StartAsync())
        {
            var rounds = await CreatedAsync(first, "JournalRounds");
            for (var i = 0; i < 300; i++)
            {
                var (key, text) = (($"구-{i % 3}", $"dong-{i:D4}"), Text(random, i));
                await rounds.AddEntityAsync(new TableEntity(key.Item1, key.Item2) { ["Text"] = text });
                expected[key] = text;
            }

            foreach (var key in expected.Keys.OrderBy(_ => random.Next()).Take(80).ToList())
            {
                var text = Text(random, -1);
                var entity = new TableEntity(key.Item1, key.Item2) { ["Text"] = text };
                var replace = random.Next(2) == 0;
                await rounds.UpdateEntityAsync(entity, ETag.All, replace ? TableUpdateMode.Replace : TableUpdateMode.Merge);
                expected[key] = text;
            }

            foreach (var key in expected.Keys.OrderBy(_ => random.Next()).Take(40).ToList())
            {
                await rounds.DeleteEntityAsync(key.Item1, key.Item2);
                expected.Remove(key);
            }

            // A table dropped and created again under the same name keeps only what was written after.
            var outbox = await CreatedAsync(first, "JournalOutbox");
            await outbox.AddEntityAsync(new TableEntity("old", "1"));
            await outbox.DeleteAsync();
            outbox = await CreatedAsync(first, "JournalOutbox");
            await outbox.AddEntityAsync(new TableEntity("new", "1") { ["Text"] = "다시" });

            var gone = await CreatedAsync(first, "JournalGone");
            await gone.AddEntityAsync(new TableEntity("p", "r"));
            await gone.DeleteAsync();

            await WaitUntilSavedAsync(rounds);
            using var process = Process.GetProcessById(first.Pid);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        await using (var second = await StartAsync())
        {
            await AssertHoldsAsync(second, expected);
            var outbox = await EntitiesAsync(new TableClient(second.ConnectionString, "JournalOutbox"));
            Assert.Equal([("new", "1", "다시")], outbox.Select(e => (e.PartitionKey, e.RowKey, e.GetString("Text"))));
            Assert.DoesNotContain("JournalGone", await TableNamesAsync(second));

            var rounds = new TableClient(second.ConnectionString, "JournalRounds");
            await rounds.AddEntityAsync(new TableEntity("구-9", "after-restart") { ["Text"] = "재시작 후" });
            expected[("구-9", "after-restart")] = "재시작 후";
        }

        await using var third = await StartAsync();
        await AssertHoldsAsync(third, expected);
    }

    private static string Text(Random random, int i) =>
        // Some rows are long (tens of KB in UTF-8) so a save spans many of Azurite's writes.
        $"{i}:" + string.Concat(Enumerable.Repeat("복지 우수사례 ", random.Next(8) == 0 ? 2_000 : random.Next(1, 5)));

    private static async Task<TableClient> CreatedAsync(AzuriteProcess azurite, string name)
    {
        var table = new TableClient(azurite.ConnectionString, name);
        await table.CreateIfNotExistsAsync();
        return table;
    }

    /// <summary>
    /// Writes a marker row and waits until a save has appended it to the journal, so every earlier change is saved
    /// too; then removes it and waits for the save after (a row written and removed within one save leaves only its id).
    /// </summary>
    private async Task WaitUntilSavedAsync(TableClient table)
    {
        var marker = "marker-" + Guid.NewGuid().ToString("N");
        await table.AddEntityAsync(new TableEntity("marker", marker));
        var journal = Path.Combine(_folder, JournalFile);
        var needle = Encoding.UTF8.GetBytes(marker);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(File.Exists(journal) && File.ReadAllBytes(journal).AsSpan().IndexOf(needle) >= 0))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no save reached {JournalFile} within 60 s");
            await Task.Delay(200);
        }

        var length = new FileInfo(journal).Length;
        await table.DeleteEntityAsync("marker", marker);
        while (new FileInfo(journal).Length == length)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the marker's removal did not reach {JournalFile} within 60 s");
            await Task.Delay(200);
        }
    }

    private static async Task AssertHoldsAsync(AzuriteProcess azurite, Dictionary<(string, string), string> expected)
    {
        var stored = await EntitiesAsync(new TableClient(azurite.ConnectionString, "JournalRounds"));
        var actual = stored.ToDictionary(e => (e.PartitionKey, e.RowKey), e => e.GetString("Text"));
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (key, text) in expected)
        {
            Assert.True(actual.TryGetValue(key, out var found), $"{key} is missing after the restart");
            Assert.Equal(text, found);
        }

        // Point reads and partition queries go through the indexes the replay rebuilt.
        var (partition, row) = expected.Keys.First();
        Assert.Equal(expected[(partition, row)], (await new TableClient(azurite.ConnectionString, "JournalRounds").GetEntityAsync<TableEntity>(partition, row)).Value.GetString("Text"));
        var inPartition = 0;
        await foreach (var _ in new TableClient(azurite.ConnectionString, "JournalRounds").QueryAsync<TableEntity>(e => e.PartitionKey == partition))
            inPartition++;
        Assert.Equal(expected.Keys.Count(k => k.Item1 == partition), inPartition);
    }

    private static async Task<List<TableEntity>> EntitiesAsync(TableClient table)
    {
        var entities = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>())
            entities.Add(entity);
        return entities;
    }

    private static async Task<List<string>> TableNamesAsync(AzuriteProcess azurite)
    {
        var names = new List<string>();
        await foreach (var table in new TableServiceClient(azurite.ConnectionString).QueryAsync())
            names.Add(table.Name);
        return names;
    }

    private Task<AzuriteProcess> StartAsync() =>
        AzuriteProcess.StartAsync(
            new AzuriteOptions { DataFolder = _folder, BlobPort = 0, QueuePort = 0, TablePort = 0 },
            NullLogger.Instance,
            CancellationToken.None);
}
