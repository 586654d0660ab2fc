using Azure.Data.Tables;

namespace WelfareFlow.Tests.Azurite;

/// <summary>
/// The launcher lets Azurite find entities through its key indexes (azurite-indexes.js). Its index orders
/// number-like strings ("12", "1e3", "0x1f") apart from the others, so these tests mix such keys with ordinary,
/// Korean and empty ones and check, on the real Azurite, that every point read and every key-constrained query
/// returns exactly what the filter means with ordinal string comparison (as Azure Table storage compares).
/// </summary>
[Collection("azurite")]
public sealed class AzuriteIndexesTests(AzuriteFixture azurite)
{
    static readonly string[] Partitions = ["round", "round-2", "12", "1e3", "0x1f", "가나", "r|1", ""];
    static readonly string[] Rows = ["", "1", "12", "2", " 5", "1e3", "Infinity", "I", "a", "d0001|judge-1", "d0001|judge-2", "d0002|judge-1", "d1|x", "1|x", "1.5", "-3", "가|1", "가|2", "z~"];

    async Task<(TableClient Table, List<(string P, string R)> Stored)> FilledAsync()
    {
        var table = new TableClient(azurite.ConnectionString, "idx" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateAsync();
        var random = new Random(2024);
        var stored = new List<(string, string)>();
        foreach (var p in Partitions)
        {
            foreach (var r in Rows.Where(_ => random.Next(4) > 0))
            {
                await table.AddEntityAsync(new TableEntity(p, r) { ["Mark"] = $"{p}/{r}" });
                stored.Add((p, r));
            }
        }

        return (table, stored);
    }

    [Fact]
    public async Task PointReads_FindEveryStoredEntity_AndNoOther()
    {
        var (table, stored) = await FilledAsync();

        foreach (var p in Partitions)
        {
            foreach (var r in Rows)
            {
                var found = await table.GetEntityIfExistsAsync<TableEntity>(p, r);
                Assert.Equal(stored.Contains((p, r)), found.HasValue);
                if (found.HasValue) Assert.Equal($"{p}/{r}", found.Value!.GetString("Mark"));
            }
        }
    }

    [Fact]
    public async Task KeyFilters_ReturnExactlyTheMatchingEntities()
    {
        var (table, stored) = await FilledAsync();
        static bool Ge(string a, string b) => string.CompareOrdinal(a, b) >= 0;
        static bool Lt(string a, string b) => string.CompareOrdinal(a, b) < 0;
        var filters = new List<(string Filter, Func<string, string, bool> Means)>();
        foreach (var p in Partitions)
        {
            filters.Add(($"PartitionKey eq '{p}'", (pk, _) => pk == p));
            filters.Add(($"PartitionKey eq '{p}' and RowKey ge 'd0001|' and RowKey lt 'd0001}}'", (pk, rk) => pk == p && Ge(rk, "d0001|") && Lt(rk, "d0001}")));
            filters.Add(($"PartitionKey eq '{p}' and RowKey ge '1' and RowKey lt '2'", (pk, rk) => pk == p && Ge(rk, "1") && Lt(rk, "2")));
            filters.Add(($"PartitionKey eq '{p}' and RowKey ge '가|' and RowKey lt '가}}'", (pk, rk) => pk == p && Ge(rk, "가|") && Lt(rk, "가}")));
            filters.Add(($"RowKey eq '{p}' and PartitionKey eq 'round'", (pk, rk) => rk == p && pk == "round"));
        }

        filters.Add(("PartitionKey ge 'round' and PartitionKey lt 'round~'", (pk, _) => Ge(pk, "round") && Lt(pk, "round~")));
        filters.Add(("PartitionKey ge '1' and PartitionKey lt '2'", (pk, _) => Ge(pk, "1") && Lt(pk, "2")));
        filters.Add(("RowKey ge 'd' and RowKey lt 'e'", (_, rk) => Ge(rk, "d") && Lt(rk, "e")));
        filters.Add(("RowKey gt '1|' and RowKey le '1|x'", (_, rk) => string.CompareOrdinal(rk, "1|") > 0 && string.CompareOrdinal(rk, "1|x") <= 0));
        filters.Add(("PartitionKey eq 'round' or RowKey eq '12'", (pk, rk) => pk == "round" || rk == "12"));
        filters.Add(("not (PartitionKey eq 'round')", (pk, _) => pk != "round"));
        filters.Add(("PartitionKey eq 'round' and (RowKey eq '1' or RowKey eq 'a')", (pk, rk) => pk == "round" && rk is "1" or "a"));

        foreach (var (filter, means) in filters)
        {
            var read = table.Query<TableEntity>(filter, maxPerPage: 5).Select(e => (e.PartitionKey, e.RowKey)).ToList();
            var expected = stored.Where(k => means(k.P, k.R)).Order().ToList();
            Assert.True(expected.SequenceEqual(read.Order()), $"{filter}: expected [{string.Join(", ", expected)}], read [{string.Join(", ", read)}]");
        }
    }

    /// <summary>Pages of a query (azurite-paging.js finds each in one pass) come in key order, each row once, whether the
    /// rows were written in key order, in reverse (a newest-first log) or shuffled, and whatever the page size.</summary>
    [Fact]
    public async Task PagedQueries_ReturnEveryMatchingRowOnce_InKeyOrder()
    {
        var table = new TableClient(azurite.ConnectionString, "pg" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateAsync();
        var random = new Random(7);
        var keys = Enumerable.Range(0, 1_300).Select(i => $"{i:D5}|{(i % 3 == 0 ? "가" : "a")}").ToList();
        var written = new List<(string P, string R)>();
        foreach (var (partition, order) in new[] { ("asc", keys), ("desc", keys.AsEnumerable().Reverse().ToList()), ("shuffled", keys.OrderBy(_ => random.Next()).ToList()) })
        {
            foreach (var chunk in order.Chunk(100))
            {
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, r) { ["Odd"] = int.Parse(r[..5]) % 2 == 1 })));
                written.AddRange(chunk.Select(r => (partition, r)));
            }
        }

        static int ByKey((string P, string R) a, (string P, string R) b) =>
            string.CompareOrdinal(a.P, b.P) is var c and not 0 ? c : string.CompareOrdinal(a.R, b.R);
        var cases = new List<(string? Filter, int? PageSize, Func<(string P, string R), bool> Means)>
        {
            (null, null, _ => true),
            ("PartitionKey eq 'desc'", null, k => k.P == "desc"),
            ("PartitionKey eq 'desc'", 7, k => k.P == "desc"),
            ("PartitionKey eq 'shuffled' and Odd eq true", 97, k => k.P == "shuffled" && int.Parse(k.R[..5]) % 2 == 1),
            ("RowKey ge '00100|' and RowKey lt '00200|'", 13, k => string.CompareOrdinal(k.R, "00100|") >= 0 && string.CompareOrdinal(k.R, "00200|") < 0),
        };
        foreach (var (filter, pageSize, means) in cases)
        {
            var read = new List<(string, string)>();
            await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize)) read.Add((e.PartitionKey, e.RowKey));
            var expected = written.Where(means).ToList();
            expected.Sort(ByKey);
            Assert.True(expected.SequenceEqual(read), $"{filter} by {pageSize}: {read.Count} rows read, {expected.Count} expected, or out of key order");
        }
    }
}
