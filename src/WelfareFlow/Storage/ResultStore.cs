using System.Text.Json;
using Azure.Data.Tables;

namespace WelfareFlow.Storage;

/// <summary>Allocated results (one document per case plus a summary) and special awards, as JSON documents
/// split over rows where they are large (<see cref="ChunkedJson"/>), so no round size reaches a Table limit.</summary>
public sealed class ResultStore(WelfareTables tables)
{
    const int Parallelism = 8;

    public async Task SaveAsync<TCase, TSummary>(string roundId, IEnumerable<(string DistrictId, TCase Result)> cases, TSummary summary, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (c, ct) =>
            await UpsertAsync(roundId, c.DistrictId, c.Result, ct));
        // The summary is written last: its presence means the whole result is there.
        await UpsertAsync(roundId, ResultRow.SummaryKey, summary, cancellationToken);
    }

    public async Task<(TSummary Summary, List<TCase> Cases)?> GetAsync<TCase, TSummary>(string roundId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var rows = await tables.Results.QueryAsync<ResultRow>(r => r.PartitionKey == roundId, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        var documents = ChunkedJson.Join(rows);
        if (!documents.TryGetValue(ResultRow.SummaryKey, out var summary))
        {
            return null;
        }

        var cases = documents.Where(d => d.Key != ResultRow.SummaryKey && !d.Key.StartsWith(ResultRow.SpecialPrefix, StringComparison.Ordinal))
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => JsonSerializer.Deserialize<TCase>(d.Value, Json.Options)!).ToList();
        return (JsonSerializer.Deserialize<TSummary>(summary, Json.Options)!, cases);
    }

    public async Task AddSpecialAsync<T>(string roundId, string key, T award, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        await UpsertAsync(roundId, ResultRow.SpecialPrefix + key, award, cancellationToken);
    }

    public async Task<List<T>> ListSpecialAsync<T>(string roundId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var from = ResultRow.SpecialPrefix;
        var to = "special}";
        var rows = await tables.Results.QueryAsync<ResultRow>(r => r.PartitionKey == roundId && r.RowKey.CompareTo(from) >= 0 && r.RowKey.CompareTo(to) < 0, cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);
        return ChunkedJson.Join(rows).OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => JsonSerializer.Deserialize<T>(d.Value, Json.Options)!).ToList();
    }

    /// <summary>Parts first, head row last: a reader never joins a head with parts of another write.</summary>
    async Task UpsertAsync<T>(string roundId, string key, T value, CancellationToken cancellationToken)
    {
        var rows = ChunkedJson.Rows(roundId, key, JsonSerializer.Serialize(value, Json.Options));
        await Parallel.ForEachAsync(rows.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (part, ct) =>
            await tables.Results.UpsertEntityAsync(part, TableUpdateMode.Replace, ct));
        await tables.Results.UpsertEntityAsync(rows[0], TableUpdateMode.Replace, cancellationToken);
    }
}
