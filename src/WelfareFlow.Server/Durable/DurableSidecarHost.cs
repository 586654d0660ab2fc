using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Storage;

namespace WelfareFlow.Server.Durable;

/// <summary>
/// Runs the Durable Task engine in process: the Azure Storage backend (tables, queues, blobs of
/// <c>AzureWebJobsStorage</c>) behind the gRPC sidecar, on a loopback HTTP/2 port that the worker and
/// client of this process connect to.
/// </summary>
public sealed class DurableSidecarHost(
    StorageAccount account, IOptions<WelfareFlowOptions> options, IOptions<DurableOptions> durable, SidecarAddress address, ILoggerFactory loggerFactory)
    : IHostedService, IAsyncDisposable
{
    IHost? sidecar;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = durable.Value;
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = account.ConnectionString is { } connection
                ? new StorageAccountClientProvider(connection)
                : new StorageAccountClientProvider(account.BlobServiceUri!, account.QueueServiceUri!, account.TableServiceUri!, account.Credential!),
            TaskHubName = options.Value.TaskHub,
            PartitionCount = settings.PartitionCount,
            MaxQueuePollingInterval = settings.MaxQueuePollingInterval,
            LeaseInterval = settings.LeaseInterval,
            LeaseRenewInterval = settings.LeaseRenewInterval,
            LeaseAcquireInterval = settings.LeaseAcquireInterval,
            ControlQueueVisibilityTimeout = settings.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = settings.WorkItemQueueVisibilityTimeout,
            PartitionTableOperationTimeout = settings.PartitionTableOperationTimeout,
            MaxConcurrentTaskActivityWorkItems = settings.MaxConcurrentActivityWorkItems,
            LoggerFactory = loggerFactory,
        });
        await service.CreateIfNotExistsAsync();
        IOrchestrationService fixedService = new SidecarDefectsWorkaround(service);

        var builder = WebApplication.CreateSlimBuilder(ServerSetup.BuilderOptions([]));
        builder.Logging.ClearProviders();
        // The engine's logs go to the Server's log, but not the sidecar host's own start-up lines ("Now listening
        // on" an internal port): the Server prints the addresses that matter.
        builder.Services.AddSingleton<ILoggerFactory>(new WithoutLifetimeMessages(loggerFactory));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(fixedService);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, address.Port, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);
        sidecar = app;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (sidecar is not null)
        {
            await sidecar.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (sidecar is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}

/// <summary>The sidecar's loopback port, chosen before the worker and client are configured.</summary>
public sealed record SidecarAddress(int Port)
{
    public Uri Uri => new($"http://127.0.0.1:{Port}");

    public static SidecarAddress Choose(int configuredPort)
    {
        if (configuredPort > 0) return new SidecarAddress(configuredPort);
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return new SidecarAddress(((System.Net.IPEndPoint)probe.LocalEndpoint).Port);
    }
}

/// <summary>A logger factory that drops the <c>Microsoft.Hosting.Lifetime</c> category and passes the rest on.</summary>
sealed class WithoutLifetimeMessages(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) =>
        categoryName == "Microsoft.Hosting.Lifetime" ? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance : inner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The inner factory belongs to the Server and is disposed with it.
    public void Dispose() { }
}
