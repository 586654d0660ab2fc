using WelfareFlow.Storage;

namespace WelfareFlow.Server.Azurite;

/// <summary>Starts Azurite before anything touches storage when the account is development storage and
/// none answers; stops it when the Server stops.</summary>
public sealed class AzuriteHostedService(StorageAccount account, LocalDefaults defaults, ILogger<AzuriteHostedService> logger) : IHostedService, IAsyncDisposable
{
    AzuriteProcess? azurite;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (account.IsDevelopmentStorage)
        {
            azurite = await AzuriteProcess.EnsureForDevelopmentStorageAsync(account.ConnectionString!, defaults.AzuriteDirectory, logger, cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
            azurite = null;
        }
    }
}
