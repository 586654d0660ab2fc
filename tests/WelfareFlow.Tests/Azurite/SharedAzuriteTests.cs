using Azure.Data.Tables;
using WelfareFlow.Server.Azurite;

namespace WelfareFlow.Tests.Azurite;

[Collection("azurite")]
public sealed class SharedAzuriteTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task IsAnsweringAsync_FixturePorts_True()
    {
        var instance = azurite.Azurite;

        Assert.True(await AzuriteProcess.IsAnsweringAsync(instance.BlobPort, instance.QueuePort, instance.TablePort));
    }

    [Fact]
    public async Task ConnectionString_TableRoundTrip_Works()
    {
        var table = new TableClient(azurite.ConnectionString, "Shared" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateAsync();

        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 42 });

        Assert.Equal(42, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("Value"));
    }

    [Fact]
    public void ConnectionString_NamesEachEndpointOnLoopback()
    {
        var instance = azurite.Azurite;

        Assert.Contains($"BlobEndpoint=http://127.0.0.1:{instance.BlobPort}/devstoreaccount1;", azurite.ConnectionString, StringComparison.Ordinal);
        Assert.Contains($"QueueEndpoint=http://127.0.0.1:{instance.QueuePort}/devstoreaccount1;", azurite.ConnectionString, StringComparison.Ordinal);
        Assert.Contains($"TableEndpoint=http://127.0.0.1:{instance.TablePort}/devstoreaccount1;", azurite.ConnectionString, StringComparison.Ordinal);
    }
}
