namespace WelfareFlow.Storage;

/// <summary>
/// A JSON document stored over as many rows as it needs: one string property holds at most 32 K UTF-16
/// characters and one entity at most 1 MiB, while results (sensitivity, agreement, explanations) grow with
/// cases and judges. The head row <c>{key}</c> holds the first part and the count; the other parts are rows
/// <c>{key}|~0001</c>, … (keys of documents never contain <c>|~</c>).
/// </summary>
public static class ChunkedJson
{
    /// <summary>Characters per part: under the 32,768 a string property may hold.</summary>
    public const int PartLength = 30_000;

    const string PartMarker = "|~";

    public static string PartKey(string key, int index) => $"{key}{PartMarker}{index:D4}";

    public static bool IsPart(string rowKey) => rowKey.Contains(PartMarker, StringComparison.Ordinal);

    /// <summary>The document's parts, in order; a surrogate pair is never cut in two.</summary>
    public static List<string> Split(string json, int partLength = PartLength)
    {
        var parts = new List<string>();
        for (var start = 0; start < json.Length || parts.Count == 0;)
        {
            var length = Math.Min(partLength, json.Length - start);
            if (length > 1 && start + length < json.Length && char.IsHighSurrogate(json[start + length - 1])) length--;
            parts.Add(json.Substring(start, length));
            start += length;
        }

        return parts;
    }

    /// <summary>The rows that store <paramref name="json"/> under <paramref name="key"/>; the head row is first.</summary>
    public static List<ResultRow> Rows(string partitionKey, string key, string json)
    {
        var parts = Split(json);
        return [.. parts.Select((part, i) => new ResultRow
        {
            PartitionKey = partitionKey,
            RowKey = i == 0 ? key : PartKey(key, i),
            Json = part,
            Parts = i == 0 ? parts.Count : 0,
        })];
    }

    /// <summary>Every document among <paramref name="rows"/> (head rows and parts of one partition), by key.
    /// A document whose parts are not all there yet (a write in progress) is left out.</summary>
    public static Dictionary<string, string> Join(IEnumerable<ResultRow> rows)
    {
        var byKey = rows.ToDictionary(r => r.RowKey, StringComparer.Ordinal);
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var head in byKey.Values.Where(r => !IsPart(r.RowKey)))
        {
            if (head.Parts <= 1)
            {
                documents[head.RowKey] = head.Json;
                continue;
            }

            var parts = Enumerable.Range(1, head.Parts - 1).Select(i => byKey.GetValueOrDefault(PartKey(head.RowKey, i))).ToList();
            if (parts.All(p => p is not null)) documents[head.RowKey] = string.Concat(parts.Select(p => p!.Json).Prepend(head.Json));
        }

        return documents;
    }
}
