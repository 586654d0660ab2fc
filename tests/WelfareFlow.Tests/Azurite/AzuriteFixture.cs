using Microsoft.Extensions.Logging.Abstractions;
using WelfareFlow.Server.Azurite;

namespace WelfareFlow.Tests.Azurite;

/// <summary>
/// One real Azurite for a test collection: free ports, data in memory, its temp folder deleted afterwards.
/// Tests sharing it must use their own table, queue, container names (or task hub) so they do not see each other.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "welfareflow-azurite-" + Guid.NewGuid().ToString("N"));
    private AzuriteProcess? _azurite;

    /// <summary>Explicit devstoreaccount1 connection string of this instance.</summary>
    public string ConnectionString => Azurite.ConnectionString;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync()
    {
        var options = new AzuriteOptions
        {
            DataFolder = _folder,
            BlobPort = 0,
            QueuePort = 0,
            TablePort = 0,
            InMemory = true,
        };
        _azurite = await AzuriteProcess.StartAsync(options, NullLogger.Instance, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
