using System.Globalization;
using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using WelfareFlow.Http;

namespace WelfareFlow.Ops;

/// <summary>Reads an instance's orchestration history as <see cref="HistoryEntry"/> rows, oldest first.</summary>
public interface IOrchestrationHistoryReader
{
    Task<List<HistoryEntry>> ReadAsync(string instanceId, CancellationToken cancellationToken);
}

/// <summary>
/// Through <see cref="DurableTaskClient.GetOrchestrationHistoryAsync"/> (Functions, or any engine that streams
/// history). The Server's preview sidecar answers that call with no events, so the Server reads the backend instead.
/// </summary>
public sealed class ClientHistoryReader(DurableTaskClient durable) : IOrchestrationHistoryReader
{
    public async Task<List<HistoryEntry>> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var events = await durable.GetOrchestrationHistoryAsync(instanceId, cancellationToken);
        return [.. events.Where(e => !OrchestrationHistory.IsReplayMarker(e.EventType)).Select(ToEntry)];
    }

    static HistoryEntry ToEntry(HistoryEvent e)
    {
        var (name, detail) = e switch
        {
            ExecutionStartedEvent s => (s.Name, s.ParentInstance is { } p ? $"parent {p.OrchestrationInstance?.InstanceId}" : null),
            ExecutionCompletedEvent c => (c.OrchestrationStatus.ToString(), c.FailureDetails?.ErrorMessage ?? c.Result),
            ExecutionTerminatedEvent t => (null, t.Input),
            ExecutionSuspendedEvent s => (null, s.Reason),
            ExecutionResumedEvent r => (null, r.Reason),
            TaskScheduledEvent t => (t.Name, null),
            TaskCompletedEvent t => (null, $"task {t.TaskScheduledId}"),
            TaskFailedEvent t => (null, $"task {t.TaskScheduledId}: {t.FailureDetails?.ErrorMessage ?? t.Reason}"),
            SubOrchestrationInstanceCreatedEvent s => (s.Name, s.InstanceId),
            SubOrchestrationInstanceCompletedEvent s => (null, $"task {s.TaskScheduledId}"),
            SubOrchestrationInstanceFailedEvent s => (null, $"task {s.TaskScheduledId}: {s.FailureDetails?.ErrorMessage ?? s.Reason}"),
            TimerCreatedEvent t => (null, t.FireAt.ToString("O", CultureInfo.InvariantCulture)),
            TimerFiredEvent t => (null, $"timer {t.TimerId}"),
            EventRaisedEvent r => (r.Name, null),
            EventSentEvent s => (s.Name, s.InstanceId),
            _ => ((string?)null, (string?)null),
        };
        return new HistoryEntry(e.EventId, e.EventType.ToString(), OrchestrationHistory.Utc(e.Timestamp), name, detail);
    }
}

public static class OrchestrationHistory
{
    public static bool IsReplayMarker(EventType type) => type is EventType.OrchestratorStarted or EventType.OrchestratorCompleted;

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>History as the Azure Storage backend dumps it: a JSON array of events with numeric <c>EventType</c>.</summary>
    public static List<HistoryEntry> FromBackendJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var entries = new List<HistoryEntry>();
        foreach (var e in document.RootElement.EnumerateArray())
        {
            var type = (EventType)Int(e, "EventType");
            if (IsReplayMarker(type)) continue;
            var failure = e.TryGetProperty("FailureDetails", out var f) && f.ValueKind == JsonValueKind.Object ? Str(f, "ErrorMessage") : null;
            var (name, detail) = type switch
            {
                EventType.ExecutionStarted => (Str(e, "Name"), e.TryGetProperty("ParentInstance", out var p) && p.ValueKind == JsonValueKind.Object
                    && p.TryGetProperty("OrchestrationInstance", out var pi) ? $"parent {Str(pi, "InstanceId")}" : null),
                EventType.ExecutionCompleted => (((OrchestrationStatus)Int(e, "OrchestrationStatus")).ToString(), failure ?? Str(e, "Result")),
                EventType.ExecutionTerminated => (null, Str(e, "Input")),
                EventType.ExecutionSuspended or EventType.ExecutionResumed => (null, Str(e, "Reason")),
                EventType.TaskScheduled or EventType.EventRaised => (Str(e, "Name"), null),
                EventType.TaskCompleted or EventType.SubOrchestrationInstanceCompleted => (null, $"task {Int(e, "TaskScheduledId")}"),
                EventType.TaskFailed or EventType.SubOrchestrationInstanceFailed => (null, $"task {Int(e, "TaskScheduledId")}: {failure ?? Str(e, "Reason")}"),
                EventType.SubOrchestrationInstanceCreated or EventType.EventSent => (Str(e, "Name"), Str(e, "InstanceId")),
                EventType.TimerCreated => (null, Str(e, "FireAt")),
                EventType.TimerFired => (null, $"timer {Int(e, "TimerId")}"),
                _ => ((string?)null, (string?)null),
            };
            var at = e.TryGetProperty("Timestamp", out var t) && t.TryGetDateTime(out var time) ? Utc(time) : default;
            entries.Add(new HistoryEntry(Int(e, "EventId"), type.ToString(), at, name, detail));
        }

        return entries;
    }

    static int Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;

    static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
