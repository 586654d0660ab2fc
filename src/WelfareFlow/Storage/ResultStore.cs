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
        // Thousands of case documents, one row each as a rule: written in transactions, not a call per case
        // (allocation sits between the last score and the results). Parts of a long document before any head row.
        var documents = cases.Select(c => ChunkedJson.Rows(roundId, c.DistrictId, JsonSerializer.Serialize(c.Result, Json.Options))).ToList();
        await ReplaceInTransactionsAsync(documents.SelectMany(rows => rows.Skip(1)), cancellationToken);
        await ReplaceInTransactionsAsync(documents.Select(rows => rows[0]), cancellationToken);
        // The summary is written last: its presence means the whole result is there.
        await UpsertAsync(roundId, ResultRow.SummaryKey, summary, cancellationToken);
    }

    /// <summary>Rows of one partition, written in transactions of at most 100 rows and well under the 4 MB a
    /// transaction may carry (a part holds up to 30,000 characters, up to six bytes each once escaped).</summary>
    async Task ReplaceInTransactionsAsync(IEnumerable<ResultRow> rows, CancellationToken cancellationToken)
    {
        const int MaxRows = 100, MaxCharacters = 500_000;
        var transactions = new List<List<ResultRow>>();
        var characters = 0;
        foreach (var row in rows)
        {
            if (transactions.Count == 0 || transactions[^1].Count == MaxRows || characters + row.Json.Length > MaxCharacters)
            {
                transactions.Add([]);
                characters = 0;
            }

            transactions[^1].Add(row);
            characters += row.Json.Length;
        }

        await Parallel.ForEachAsync(transactions, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (group, ct) =>
            await tables.Results.SubmitTransactionAsync(group.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct));
    }

    public async Task<(TSummary Summary, List<TCase> Cases)?> GetAsync<TCase, TSummary>(string roundId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync();
        // A row per case (and the parts of long ones), keyed by district: past the first page read in ranges side by
        // side, split at the round's intake batches as its score rows are (at 3,500 cases, megabytes of explanations).
        var rows = await KeyRanges.ReadAsync<ResultRow>(tables.Results, roundId, select: null, (_, ct) => KeyRanges.CaseSplitsAsync(tables.Rounds, roundId, ct), cancellationToken);
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
