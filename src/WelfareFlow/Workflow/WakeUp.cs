using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace WelfareFlow.Workflow;

/// <summary>Wakes an orchestration once the tables hold the change it should react to. Orchestrations re-read the
/// tables when they start or wake, so an event that cannot be delivered (engine unreachable, instance gone or not
/// there yet) only delays them: the caller's request still succeeds.</summary>
public static class WakeUp
{
    public static async Task TryWakeAsync(this DurableTaskClient durable, ILogger logger, string instanceId, string eventName, object payload, CancellationToken cancellationToken)
    {
        try
        {
            await durable.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not raise {EventName} to {InstanceId}", eventName, instanceId);
        }
    }
}
