using DurableTask.AzureStorage;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Http;
using WelfareFlow.Ops;
using WelfareFlow.Storage;

namespace WelfareFlow.Server.Durable;

/// <summary>
/// Orchestration history for the dashboard and <c>GET /api/instances/{id}/history</c>, read from the Azure Storage
/// backend's History table: the preview sidecar answers the client's history stream with no events.
/// </summary>
public sealed class BackendHistoryReader(StorageAccount account, IOptions<WelfareFlowOptions> options) : IOrchestrationHistoryReader
{
    readonly Lazy<AzureStorageOrchestrationService> backend = new(() => new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
    {
        StorageAccountClientProvider = account.ConnectionString is { } connection
            ? new StorageAccountClientProvider(connection)
            : new StorageAccountClientProvider(account.BlobServiceUri!, account.QueueServiceUri!, account.TableServiceUri!, account.Credential!),
        TaskHubName = options.Value.TaskHub,
    }));

    public async Task<List<HistoryEntry>> ReadAsync(string instanceId, CancellationToken cancellationToken) =>
        OrchestrationHistory.FromBackendJson(await backend.Value.GetOrchestrationHistoryAsync(instanceId, executionId: null).WaitAsync(cancellationToken));
}
