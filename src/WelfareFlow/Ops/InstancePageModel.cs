using Microsoft.DurableTask.Client;
using WelfareFlow.Http;

namespace WelfareFlow.Ops;

/// <summary>One durable instance: its status (custom status in words), the actions it allows, and its history.</summary>
public sealed record InstancePageModel(
    OpsFrame Frame,
    string RoundId,
    string InstanceId,
    string? DoneAction,
    OrchestrationMetadata? Instance,
    string? StatusError,
    string Progress,
    bool RefreshOn,
    IReadOnlyList<HistoryEntry> History,
    string? HistoryError)
{
    public bool Running => Instance is { } i && !ManagementEndpoints.IsFinished(i.RuntimeStatus);

    /// <summary>A running instance can be stopped, paused or resumed; a finished one restarted or purged.</summary>
    public IEnumerable<string> Actions => OpsAction.ForInstances.Select(a => a.Key)
        .Where(key => Running ? key is "terminate" or "suspend" or "resume" : key is "restart" or "purge");
}
