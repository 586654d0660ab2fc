using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Storage;

namespace WelfareFlow.Functions.Tests;

/// <summary>
/// Issue 6.4: the storage account is read the connection-string way locally and the identity-based way in Azure,
/// through the one registration both hosts use (<see cref="WelfareFlowServices.AddWelfareFlowCore"/>).
/// </summary>
public sealed class StorageAccountBindingTests
{
    const string AzuriteConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    const string ClientId = "6f1d2c3b-4a5e-4f60-8a71-92b3c4d5e6f7";

    [Fact]
    public void FromConfiguration_DevelopmentStorage_AzuriteByConnectionString()
    {
        var account = Resolve(Settings(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }));

        Assert.True(account.IsDevelopmentStorage);
        Assert.Equal("UseDevelopmentStorage=true", account.ConnectionString);
        Assert.Null(account.Credential);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), account.CreateTableServiceClient().Uri);
    }

    [Fact]
    public void FromConfiguration_ExplicitAzuriteConnectionString_UsedAsGiven()
    {
        var account = Resolve(Settings(new() { ["AzureWebJobsStorage"] = AzuriteConnectionString }));

        Assert.False(account.IsDevelopmentStorage);
        Assert.Equal(AzuriteConnectionString, account.ConnectionString);
        Assert.Null(account.Credential);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), account.CreateTableServiceClient().Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), account.CreateBlobServiceClient().Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), account.CreateQueueServiceClient().Uri);
    }

    [Fact]
    public void FromConfiguration_AccountNameWithUserAssignedIdentity_ServiceUrisAndManagedIdentity()
    {
        var account = Resolve(Settings(new()
        {
            ["AzureWebJobsStorage:accountName"] = "stwelfare",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = ClientId,
        }));

        Assert.Null(account.ConnectionString);
        Assert.False(account.IsDevelopmentStorage);
        Assert.Equal(new Uri("https://stwelfare.table.core.windows.net"), account.TableServiceUri);
        Assert.Equal(new Uri("https://stwelfare.blob.core.windows.net"), account.BlobServiceUri);
        Assert.Equal(new Uri("https://stwelfare.queue.core.windows.net"), account.QueueServiceUri);
        Assert.IsType<ManagedIdentityCredential>(account.Credential);
        Assert.Equal("stwelfare", account.CreateTableServiceClient().AccountName);
    }

    [Fact]
    public void FromConfiguration_ExplicitServiceUris_UsedAsGiven()
    {
        var account = Resolve(Settings(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://stwelfare.table.core.windows.net/",
            ["AzureWebJobsStorage:blobServiceUri"] = "https://stwelfare.blob.core.windows.net/",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://stwelfare.queue.core.windows.net/",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = ClientId,
        }));

        Assert.Null(account.ConnectionString);
        Assert.Equal(new Uri("https://stwelfare.table.core.windows.net/"), account.TableServiceUri);
        Assert.Equal(new Uri("https://stwelfare.blob.core.windows.net/"), account.BlobServiceUri);
        Assert.Equal(new Uri("https://stwelfare.queue.core.windows.net/"), account.QueueServiceUri);
        Assert.IsType<ManagedIdentityCredential>(account.Credential);
    }

    [Fact]
    public void FromConfiguration_IdentityBasedEnvironmentVariables_DoubleUnderscoreFormRead()
    {
        // The form the Function App's settings arrive in (AzureWebJobsStorage__accountName …), with a prefix of
        // this test's own so no other test or host setting is touched.
        var prefix = $"WFTEST_{Guid.NewGuid():N}_";
        var variables = new Dictionary<string, string>
        {
            [$"{prefix}AzureWebJobsStorage__accountName"] = "stwelfare",
            [$"{prefix}AzureWebJobsStorage__credential"] = "managedidentity",
            [$"{prefix}AzureWebJobsStorage__clientId"] = ClientId,
        };
        try
        {
            foreach (var (name, value) in variables) Environment.SetEnvironmentVariable(name, value);
            var account = Resolve(new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build());

            Assert.Equal(new Uri("https://stwelfare.table.core.windows.net"), account.TableServiceUri);
            Assert.IsType<ManagedIdentityCredential>(account.Credential);
        }
        finally
        {
            foreach (var name in variables.Keys) Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void FromConfiguration_ServiceUriWithoutManagedIdentitySetting_DefaultAzureCredential()
    {
        var account = Resolve(Settings(new() { ["AzureWebJobsStorage:accountName"] = "stwelfare" }));

        Assert.IsType<DefaultAzureCredential>(account.Credential);
    }

    [Fact]
    public void FromConfiguration_NothingConfigured_DevelopmentStorage()
    {
        Assert.True(Resolve(Settings([])).IsDevelopmentStorage);
    }

    static IConfiguration Settings(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    static StorageAccount Resolve(IConfiguration configuration)
    {
        using var services = new ServiceCollection().AddWelfareFlowCore(configuration).BuildServiceProvider();
        return services.GetRequiredService<StorageAccount>();
    }
}
