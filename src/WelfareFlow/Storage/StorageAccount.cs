using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace WelfareFlow.Storage;

/// <summary>
/// The storage account named by <c>AzureWebJobsStorage</c>, read the way the Functions host reads it:
/// a connection string locally, or the identity-based section in Azure
/// (<c>AzureWebJobsStorage__accountName</c> or <c>__tableServiceUri</c>…, <c>__credential=managedidentity</c>, <c>__clientId</c>).
/// </summary>
public sealed class StorageAccount
{
    public const string SettingName = "AzureWebJobsStorage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    StorageAccount(string? connectionString, Uri? blob, Uri? queue, Uri? table, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        BlobServiceUri = blob;
        QueueServiceUri = queue;
        TableServiceUri = table;
        Credential = credential;
    }

    /// <summary>Set when the account is given by connection string (local, Azurite).</summary>
    public string? ConnectionString { get; }

    public Uri? BlobServiceUri { get; }
    public Uri? QueueServiceUri { get; }
    public Uri? TableServiceUri { get; }

    /// <summary>Set when the account is reached by identity (managed identity in Azure).</summary>
    public TokenCredential? Credential { get; }

    public bool IsDevelopmentStorage =>
        string.Equals(ConnectionString?.Trim(), DevelopmentStorage, StringComparison.OrdinalIgnoreCase);

    public static StorageAccount FromConnectionString(string connectionString) =>
        new(connectionString, null, null, null, null);

    public static StorageAccount FromConfiguration(IConfiguration configuration)
    {
        var value = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(value))
        {
            return FromConnectionString(value);
        }

        var section = configuration.GetSection(SettingName);
        var accountName = section["accountName"];
        Uri? Endpoint(string key, string service) =>
            section[key] is { Length: > 0 } uri ? new Uri(uri)
            : accountName is { Length: > 0 } ? new Uri($"https://{accountName}.{service}.core.windows.net")
            : null;

        var table = Endpoint("tableServiceUri", "table");
        if (table is null)
        {
            // Nothing configured: the local default, Azurite.
            return FromConnectionString(DevelopmentStorage);
        }

        TokenCredential credential = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(section["clientId"] is { Length: > 0 } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
        return new StorageAccount(null, Endpoint("blobServiceUri", "blob"), Endpoint("queueServiceUri", "queue"), table, credential);
    }

    public TableServiceClient CreateTableServiceClient() =>
        ConnectionString is not null ? new TableServiceClient(ConnectionString) : new TableServiceClient(TableServiceUri!, Credential!);

    public BlobServiceClient CreateBlobServiceClient() =>
        ConnectionString is not null ? new BlobServiceClient(ConnectionString) : new BlobServiceClient(BlobServiceUri!, Credential!);

    public QueueServiceClient CreateQueueServiceClient() =>
        ConnectionString is not null ? new QueueServiceClient(ConnectionString) : new QueueServiceClient(QueueServiceUri!, Credential!);
}
