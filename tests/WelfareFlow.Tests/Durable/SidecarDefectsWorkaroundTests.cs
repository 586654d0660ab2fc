using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WelfareFlow.Configuration;
using WelfareFlow.Server;
using WelfareFlow.Server.Durable;
using WelfareFlow.Storage;
using WelfareFlow.Tests.Azurite;

namespace WelfareFlow.Tests.Durable;

/// <summary>
/// A sub-orchestration on the real engine over Azurite. Without <see cref="SidecarDefectsWorkaround"/> the
/// child's start message is a poison message (protobuf tags) and the parent's history row has no EventType,
/// so the parent never completes and this test times out.
/// </summary>
[Collection("azurite")]
public sealed class SidecarDefectsWorkaroundTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SubOrchestration_OnAzureStorageBackend_Completes()
    {
        var builder = Host.CreateApplicationBuilder([ServerSetup.SettingsReadOnce]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        builder.Services.AddSingleton(StorageAccount.FromConnectionString(azurite.ConnectionString));
        builder.Services.AddOptions<WelfareFlowOptions>().Configure(o => o.TaskHub = "s" + Guid.NewGuid().ToString("N")[..12]);
        builder.Services.AddDurableRuntime(builder.Configuration, tasks =>
        {
            tasks.AddOrchestratorFunc<string, string>("Parent", async (context, input) =>
                await context.CallSubOrchestratorAsync<string>("Child", input, new SubOrchestrationOptions { InstanceId = context.InstanceId + ".child" }));
            tasks.AddOrchestratorFunc<string, string>("Child", (context, input) => $"{input}: 고봉동 done");
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            var id = await client.ScheduleNewOrchestrationInstanceAsync("Parent", "case");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal("case: 고봉동 done", done.ReadOutputAs<string>());
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
