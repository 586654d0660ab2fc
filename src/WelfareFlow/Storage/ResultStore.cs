using System.Text.Json;
using Azure.Data.Tables;

namespace WelfareFlow.Storage;

/// <summary>Allocated results (one row per case plus a summary) and special awards, as JSON documents.</summary>
public sealed class ResultStore(WelfareTables tables)
{
    public async Task SaveAsync<TCase, TSummary>(string roundId, IEnumerable<(string DistrictId, TCase Result)> cases, TSummary summary, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (c, ct) =>
            await UpsertAsync(roundId, c.DistrictId, c.Result, ct));
        // The summary row is written last: its presence means the whole result is there.
        await UpsertAsync(roundId, ResultRow.SummaryKey, summary, cancellationToken);
    }

    public async Task<(TSummary Summary, List<TCase> Cases)?> GetAsync<TCase, TSummary>(string roundId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        var rows = await tables.Results.QueryAsync<ResultRow>(r => r.PartitionKey == roundId, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        var summary = rows.FirstOrDefault(r => r.RowKey == ResultRow.SummaryKey);
        if (summary is null)
        {
            return null;
        }

        var cases = rows.Where(r => r.RowKey != ResultRow.SummaryKey && !r.RowKey.StartsWith(ResultRow.SpecialPrefix, StringComparison.Ordinal))
            .Select(r => JsonSerializer.Deserialize<TCase>(r.Json, Json.Options)!).ToList();
        return (JsonSerializer.Deserialize<TSummary>(summary.Json, Json.Options)!, cases);
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
        return rows.OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(r => JsonSerializer.Deserialize<T>(r.Json, Json.Options)!).ToList();
    }

    Task UpsertAsync<T>(string roundId, string key, T value, CancellationToken cancellationToken) =>
        tables.Results.UpsertEntityAsync(new ResultRow { PartitionKey = roundId, RowKey = key, Json = JsonSerializer.Serialize(value, Json.Options) }, TableUpdateMode.Replace, cancellationToken);
}
