using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Server;
using WelfareFlow.Server.Durable;
using WelfareFlow.Storage;

namespace WelfareFlow.Load;

/// <summary>
/// The baseline: the same engine the Server runs (SDK, in-process sidecar, Azure Storage backend, same Azurite,
/// same engine settings) with case-shaped orchestrations and no product code: each waits for one event per
/// judge, then runs one activity.
/// </summary>
public static class BareEngine
{
    /// <param name="JudgingFrom">When the first event was raised: with JudgingSeconds, the window that
    /// bench/azurite-counts counts requests in.</param>
    public sealed record Figures(int Cases, double ScheduleSeconds, DateTimeOffset JudgingFrom, double JudgingSeconds, double CasesPerSecond, double EventsPerSecond, double LongestWithoutProgressSeconds);

    static readonly ConcurrentDictionary<string, bool> Started = new(StringComparer.Ordinal);
    static readonly ConcurrentDictionary<string, bool> Finished = new(StringComparer.Ordinal);

    public static async Task<Figures> RunAsync(string storage, int cases, int judges, int clients)
    {
        var builder = Host.CreateApplicationBuilder([ServerSetup.SettingsReadOnce]);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(StorageAccount.FromConnectionString(storage));
        var taskHub = "bare" + Guid.NewGuid().ToString("N")[..8];
        builder.Services.AddSingleton(Options.Create(new WelfareFlowOptions { TaskHub = taskHub }));
        builder.Services.AddDurableRuntime(builder.Configuration, tasks =>
        {
            tasks.AddOrchestrator<BareCase>();
            tasks.AddActivity<BareFinalize>();
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            // Untimed, a few cases through this host's new task hub first (its queues, leases and partitions), as the
            // product's hub has run the warm-up pair's round before its timed rounds.
            await RunCasesAsync(client, WarmUpCases, judges, clients, "bare: warm-up");
            var (scheduleSeconds, judgingFrom, judgingSeconds, longest) = await RunCasesAsync(client, cases, judges, clients, "bare");
            return new Figures(cases, Math.Round(scheduleSeconds, 2), judgingFrom, Math.Round(judgingSeconds, 2), Math.Round(cases / judgingSeconds, 2),
                Math.Round(cases * judges / judgingSeconds, 1), Math.Round(longest, 2));
        }
        finally
        {
            await host.StopAsync();
            await DeleteTaskHubAsync(StorageAccount.FromConnectionString(storage), taskHub);
        }
    }

    const int WarmUpCases = 50;

    /// <summary>Schedules the cases and waits until each has run its first turn, then raises every event and waits
    /// until every case is done: seconds to schedule, seconds from the first event to the last case done, and the
    /// longest time without progress in the second part.</summary>
    static async Task<(double Schedule, DateTimeOffset JudgingFrom, double Judging, double LongestWithoutProgress)> RunCasesAsync(DurableTaskClient client, int cases, int judges, int clients, string label)
    {
        var prefix = Guid.NewGuid().ToString("N")[..6];
        var ids = Enumerable.Range(1, cases).Select(i => $"{prefix}-{i:D5}").ToList();

        var schedule = Stopwatch.StartNew();
        var scheduling = new Progress($"{label}: schedule", cases);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = clients }, async (id, ct) =>
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(BareCase), judges, new StartOrchestrationOptions(id), ct));
        await WaitForAllAsync(ids, Started, scheduling);
        var scheduleSeconds = schedule.Elapsed.TotalSeconds;

        var judgingFrom = DateTimeOffset.UtcNow;
        var judging = Stopwatch.StartNew();
        var progress = new Progress($"{label}: events", cases * judges);
        var events = ids.SelectMany(id => Enumerable.Range(1, judges).Select(j => (id, j)));
        await Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = clients }, async (e, ct) =>
        {
            await client.RaiseEventAsync(e.id, $"score:judge-{e.j}", e.j, ct);
            progress.Advance();
        });
        progress.Finish();
        var finishing = new Progress($"{label}: cases done", cases);
        await WaitForAllAsync(ids, Finished, finishing);
        return (scheduleSeconds, judgingFrom, judging.Elapsed.TotalSeconds, Math.Max(progress.LongestWithoutProgress.TotalSeconds, finishing.LongestWithoutProgress.TotalSeconds));
    }

    /// <summary>The product then runs on the same Azurite without the baseline's rows, and the next bare round on a hub
    /// of its own: Azurite's work per row grows with its table, so each side's round starts without the engine rows of
    /// the rounds before it (the product purges its published rounds' history, <see cref="ProductRun"/>). (Its blobs, a
    /// few leases, stay.)</summary>
    static async Task DeleteTaskHubAsync(StorageAccount account, string taskHub)
    {
        var tables = account.CreateTableServiceClient();
        await foreach (var table in tables.QueryAsync(t => t.Name.CompareTo(taskHub) >= 0 && t.Name.CompareTo(taskHub + "~") < 0))
        {
            await tables.DeleteTableAsync(table.Name);
        }

        var queues = account.CreateQueueServiceClient();
        await foreach (var queue in queues.GetQueuesAsync(prefix: taskHub.ToLowerInvariant()))
        {
            await queues.DeleteQueueAsync(queue.Name);
        }
    }

    static async Task WaitForAllAsync(List<string> ids, ConcurrentDictionary<string, bool> marked, Progress progress)
    {
        for (var seen = 0; ;)
        {
            var now = ids.Count(marked.ContainsKey);
            progress.Advance(now - seen);
            seen = now;
            if (now >= ids.Count) break;
            await Task.Delay(20);
        }

        progress.Finish();
    }

    /// <summary>A case without the product: one wait per judge, then one activity.</summary>
    public sealed class BareCase : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int judges)
        {
            // Benchmark bookkeeping only (in this process): the first execution marks the instance as started.
            if (!context.IsReplaying) Started.TryAdd(context.InstanceId, true);
            await Task.WhenAll(Enumerable.Range(1, judges).Select(j => context.WaitForExternalEvent<int>($"score:judge-{j}")));
            return await context.CallActivityAsync<int>(nameof(BareFinalize), context.InstanceId);
        }
    }

    public sealed class BareFinalize : TaskActivity<string, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, string instanceId)
        {
            Finished.TryAdd(instanceId, true);
            return Task.FromResult(1);
        }
    }
}
