using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using WelfareFlow.Storage;
using WelfareFlow.Workflow;

namespace WelfareFlow.Functions.Workflow;

/// <summary>The orchestrators of src/WelfareFlow under the names the Server registers them by.</summary>
public static class OrchestratorFunctions
{
    [Function(nameof(RoundOrchestrator))]
    public static Task<RoundPhase> RunRound([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RoundOrchestrator().RunAsync(context, context.GetInput<RoundInput>()!);

    [Function(nameof(CaseOrchestrator))]
    public static Task<CaseOutcome> RunCase([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new CaseOrchestrator().RunAsync(context, context.GetInput<CaseInput>()!);
}
