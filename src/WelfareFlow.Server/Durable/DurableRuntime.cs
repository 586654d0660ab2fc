using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace WelfareFlow.Server.Durable;

public static class DurableRuntime
{
    /// <summary>
    /// The engine (<see cref="DurableSidecarHost"/>), a worker running <paramref name="tasks"/> and a client, all
    /// in this process. Needs a <see cref="Storage.StorageAccount"/> and the WelfareFlow options registered.
    /// Register whatever must run before the engine (Azurite) as a hosted service before calling this.
    /// </summary>
    public static IServiceCollection AddDurableRuntime(this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry> tasks)
    {
        services.AddOptions<DurableOptions>().BindConfiguration(DurableOptions.Section);
        var address = SidecarAddress.Choose(configuration.GetValue<int>($"{DurableOptions.Section}:GrpcPort"));
        services.AddSingleton(address);
        // Hosted services start in registration order: the engine before the worker that connects to it.
        services.AddHostedService<DurableSidecarHost>();
        var channel = Grpc.Net.Client.GrpcChannel.ForAddress(address.Uri);
        services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(channel);
            worker.AddTasks(tasks);
        });
        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.RegisterDirectly();
        });
        return services;
    }
}
