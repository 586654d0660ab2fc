using Microsoft.DurableTask;

namespace WelfareFlow.Workflow;

/// <summary>
/// Up to <see cref="Size"/> cases of a round. The round starts one of these per batch instead of one case
/// orchestration per case, so its own history stays a few events per batch: a history that grew with every
/// case would be replayed at every case's completion, O(cases²) over a round. This one's history is bounded
/// by the batch size. The district ids are read from the table, so no payload grows with the round.
/// </summary>
public sealed class CaseBatchOrchestrator : TaskOrchestrator<CaseBatchInput, int>
{
    public const int Size = 50;

    public override async Task<int> RunAsync(TaskOrchestrationContext context, CaseBatchInput input)
    {
        var districtIds = await context.CallActivityAsync<List<string>>(nameof(WorkflowActivities.GetIntakeBatch), new BatchRef(input.RoundId, input.Batch));
        var cases = districtIds.Select(districtId => context.CallSubOrchestratorAsync<CaseOutcome>(
            nameof(CaseOrchestrator),
            new CaseInput(input.RoundId, districtId, input.JudgeIds, input.JudgingDeadline, input.Quorum),
            new SubOrchestrationOptions { InstanceId = InstanceIds.Case(input.RoundId, districtId) })).ToList();

        // The round sends the judges' links once every batch reports its cases listening: an event raised to a
        // case orchestration that does not exist yet is held back by the backend and delays that case's start.
        var listening = new HashSet<string>(StringComparer.Ordinal);
        while (listening.Count < cases.Count)
        {
            listening.Add((await context.WaitForExternalEvent<CaseListening>(nameof(CaseListening))).DistrictId);
        }

        if (context.Parent is { } round)
        {
            context.SendEvent(round.InstanceId, nameof(BatchListening), new BatchListening(input.Batch));
        }

        await Task.WhenAll(cases);
        return cases.Count;
    }
}
