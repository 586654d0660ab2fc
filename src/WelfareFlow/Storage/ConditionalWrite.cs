using Azure;
using Azure.Data.Tables;

namespace WelfareFlow.Storage;

/// <summary>
/// Read-decide-write on one row with optimistic concurrency: insert when absent (fails if someone else
/// inserted first), replace with If-Match when present; on a conflict, read again and decide again.
/// Only single-entity conditional operations, which both Azure and Azurite enforce.
/// </summary>
public static class ConditionalWrite
{
    /// <param name="decide">Given the current row (null if absent) returns the row to write, or null to write nothing.</param>
    /// <returns>The row as it was before (null if it did not exist) and the row written (null if nothing was written).</returns>
    public static async Task<(T? Before, T? Written)> ChangeAsync<T>(
        TableClient table, string partitionKey, string rowKey, Func<T?, T?> decide, CancellationToken cancellationToken = default)
        where T : RowBase, new()
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: cancellationToken);
            var before = current.HasValue ? current.Value : null;
            var etag = before?.ETag ?? default;
            var snapshot = (T?)before?.Copy();
            var next = decide(before);
            if (next is null)
            {
                return (snapshot, null);
            }

            next.PartitionKey = partitionKey;
            next.RowKey = rowKey;
            try
            {
                if (snapshot is null)
                {
                    await table.AddEntityAsync(next, cancellationToken);
                }
                else
                {
                    await table.UpdateEntityAsync(next, etag, TableUpdateMode.Replace, cancellationToken);
                }

                return (snapshot, next);
            }
            catch (RequestFailedException e) when ((e.Status is 409 or 412) && attempt < 50)
            {
                // Lost a race: the row changed between read and write. Decide again on the fresh row.
                await Task.Delay(Random.Shared.Next(5, 20 + attempt * 10), cancellationToken);
            }
        }
    }
}
