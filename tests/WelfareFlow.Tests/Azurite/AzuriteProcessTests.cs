using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using WelfareFlow.Server.Azurite;

namespace WelfareFlow.Tests.Azurite;

public sealed class AzuriteProcessTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "welfareflow-azurite-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_RestartOnSameFolder_KeepsTableEntity()
    {
        int firstPid;
        await using (var first = await StartOnFreePortsAsync())
        {
            firstPid = first.Pid;
            var table = new TableClient(first.ConnectionString, "Rounds");
            await table.CreateIfNotExistsAsync();
            await table.AddEntityAsync(new TableEntity("goyang-2024", "gobong") { ["Title"] = "고봉동" });
        }

        Assert.False(IsRunning(firstPid), $"Azurite pid {firstPid} still runs after dispose");

        await using var second = await StartOnFreePortsAsync();
        Assert.NotEqual(firstPid, second.Pid);
        var entity = await new TableClient(second.ConnectionString, "Rounds").GetEntityAsync<TableEntity>("goyang-2024", "gobong");
        Assert.Equal("고봉동", entity.Value.GetString("Title"));
    }

    [Fact]
    public async Task StartAsync_PortTaken_FailsWithAzuriteErrorOutput()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var options = new AzuriteOptions { DataFolder = _folder, BlobPort = port, QueuePort = 0, TablePort = 0 };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => AzuriteProcess.StartAsync(options, NullLogger.Instance, CancellationToken.None));

        Assert.Contains("before listening", error.Message, StringComparison.Ordinal);
        Assert.Contains("EADDRINUSE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_MissingAzuriteDirectory_SaysHowToInstall()
    {
        var options = new AzuriteOptions { DataFolder = _folder, AzuriteDirectory = Path.Combine(_folder, "nowhere") };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => AzuriteProcess.StartAsync(options, NullLogger.Instance, CancellationToken.None));

        Assert.Contains("dotnet build src/WelfareFlow.Server", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true", true)]
    [InlineData("  usedevelopmentstorage=TRUE; ", true)]
    [InlineData("UseDevelopmentStorage=false", false)]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=welfareflow;AccountKey=a2V5;EndpointSuffix=core.windows.net", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsDevelopmentStorage_ConnectionString_RecognisesOnlyTheShorthand(string? connectionString, bool expected) =>
        Assert.Equal(expected, AzuriteProcess.IsDevelopmentStorage(connectionString));

    [Fact]
    public async Task EnsureForDevelopmentStorageAsync_OtherAccount_StartsNothing()
    {
        var azurite = await AzuriteProcess.EnsureForDevelopmentStorageAsync(
            "DefaultEndpointsProtocol=https;AccountName=welfareflow;AccountKey=a2V5;EndpointSuffix=core.windows.net",
            _folder,
            NullLogger.Instance,
            CancellationToken.None);

        Assert.Null(azurite);
        Assert.False(Directory.Exists(_folder));
    }

    [Fact]
    public async Task EnsureForDevelopmentStorageAsync_DevelopmentStorage_AzuriteAnswersOnDefaultPorts()
    {
        // Whatever this machine runs on 10000-10002, afterwards an Azurite answers there and the result says who owns it.
        var defaultsAnswered = await AzuriteProcess.IsAnsweringAsync(10000, 10001, 10002);

        await using var started = await AzuriteProcess.EnsureForDevelopmentStorageAsync(
            "UseDevelopmentStorage=true", _folder, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(defaultsAnswered, started is null);
        Assert.True(await AzuriteProcess.IsAnsweringAsync(10000, 10001, 10002));
        if (started is not null)
        {
            var table = new TableClient("UseDevelopmentStorage=true", "Ensure" + Guid.NewGuid().ToString("N")[..8]);
            await table.CreateAsync();
            await table.DeleteAsync();
        }
    }

    private Task<AzuriteProcess> StartOnFreePortsAsync() =>
        AzuriteProcess.StartAsync(
            new AzuriteOptions { DataFolder = _folder, BlobPort = 0, QueuePort = 0, TablePort = 0 },
            NullLogger.Instance,
            CancellationToken.None);

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
