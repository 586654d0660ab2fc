using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace WelfareFlow.Workflow;

/// <summary>Registers the orchestrators and activities with a Durable Task worker (the Server's);
/// the Functions app binds the same classes through its own [Function] adapters.</summary>
public static class WorkflowRegistration
{
    public static DurableTaskRegistry AddWelfareFlowTasks(this DurableTaskRegistry registry)
    {
        registry.AddOrchestrator<RoundOrchestrator>();
        registry.AddOrchestrator<CaseOrchestrator>();
        Activity<RoundRef, bool>(registry, nameof(WorkflowActivities.SendDistrictInvitations), a => a.SendDistrictInvitations);
        Activity<RoundRef, RoundSchedule>(registry, nameof(WorkflowActivities.GetRoundSchedule), a => a.GetRoundSchedule);
        Activity<RoundRef, bool>(registry, nameof(WorkflowActivities.SendSubmissionReminders), a => a.SendSubmissionReminders);
        Activity<RoundRef, Intake>(registry, nameof(WorkflowActivities.CloseIntake), a => a.CloseIntake);
        EngineActivity<CaseBatch, int>(registry, nameof(WorkflowActivities.StartCases), a => a.StartCases);
        EngineActivity<StartedCases, bool>(registry, nameof(WorkflowActivities.ReadyCases), a => a.ReadyCases);
        EngineActivity<RoundDeadline, int>(registry, nameof(WorkflowActivities.PassDeadline), a => a.PassDeadline);
        Activity<RoundRef, bool>(registry, nameof(WorkflowActivities.SendJudgeInvitations), a => a.SendJudgeInvitations);
        Activity<ReminderRequest, bool>(registry, nameof(WorkflowActivities.SendJudgeReminders), a => a.SendJudgeReminders);
        Activity<CaseRef, CaseSeats>(registry, nameof(WorkflowActivities.GetCaseSeats), a => a.GetCaseSeats);
        Activity<CaseRef, bool>(registry, nameof(WorkflowActivities.EscalateLateCase), a => a.EscalateLateCase);
        Activity<CaseInBatch, CaseFinal>(registry, nameof(WorkflowActivities.FinalizeCase), a => a.FinalizeCase);
        Activity<RoundRef, bool>(registry, nameof(WorkflowActivities.AllocateResults), a => a.AllocateResults);
        Activity<RoundRef, bool>(registry, nameof(WorkflowActivities.PublishResults), a => a.PublishResults);
        return registry;
    }

    static void Activity<TInput, TOutput>(DurableTaskRegistry registry, string name, Func<WorkflowActivities, Func<TInput, Task<TOutput>>> pick) =>
        registry.AddActivity(name, services => new DelegateActivity<TInput, TOutput>(pick(services.GetRequiredService<WorkflowActivities>())));

    /// <summary>An activity that starts or wakes orchestrations, with the worker's engine client.</summary>
    static void EngineActivity<TInput, TOutput>(DurableTaskRegistry registry, string name, Func<WorkflowActivities, Func<TInput, DurableTaskClient, Task<TOutput>>> pick) =>
        registry.AddActivity(name, services =>
        {
            var run = pick(services.GetRequiredService<WorkflowActivities>());
            var durable = services.GetRequiredService<DurableTaskClient>();
            return new DelegateActivity<TInput, TOutput>(input => run(input, durable));
        });

    sealed class DelegateActivity<TInput, TOutput>(Func<TInput, Task<TOutput>> run) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(input);
    }
}
