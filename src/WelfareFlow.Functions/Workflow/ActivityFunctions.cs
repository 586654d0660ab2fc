using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WelfareFlow.Workflow;

namespace WelfareFlow.Functions.Workflow;

/// <summary>
/// The activities of <see cref="WorkflowActivities"/>, one function each, named as the orchestrators call them
/// (the same names <see cref="WorkflowRegistration"/> gives the Server's worker).
/// </summary>
public sealed class ActivityFunctions(WorkflowActivities activities)
{
    [Function(nameof(WorkflowActivities.SendDistrictInvitations))]
    public Task<bool> SendDistrictInvitations([ActivityTrigger] RoundRef input) => activities.SendDistrictInvitations(input);

    [Function(nameof(WorkflowActivities.GetRoundSchedule))]
    public Task<RoundSchedule> GetRoundSchedule([ActivityTrigger] RoundRef input) => activities.GetRoundSchedule(input);

    [Function(nameof(WorkflowActivities.SendSubmissionReminders))]
    public Task<bool> SendSubmissionReminders([ActivityTrigger] RoundRef input) => activities.SendSubmissionReminders(input);

    [Function(nameof(WorkflowActivities.CloseIntake))]
    public Task<Intake> CloseIntake([ActivityTrigger] RoundRef input) => activities.CloseIntake(input);

    [Function(nameof(WorkflowActivities.StartCases))]
    public Task<int> StartCases([ActivityTrigger] CaseBatch input, [DurableClient] DurableTaskClient client) => activities.StartCases(input, client);

    [Function(nameof(WorkflowActivities.PassDeadline))]
    public Task<int> PassDeadline([ActivityTrigger] RoundDeadline input, [DurableClient] DurableTaskClient client) => activities.PassDeadline(input, client);

    [Function(nameof(WorkflowActivities.ReadyCases))]
    public Task<bool> ReadyCases([ActivityTrigger] StartedCases input, [DurableClient] DurableTaskClient client) => activities.ReadyCases(input, client);

    [Function(nameof(WorkflowActivities.SendJudgeInvitations))]
    public Task<bool> SendJudgeInvitations([ActivityTrigger] RoundRef input) => activities.SendJudgeInvitations(input);

    [Function(nameof(WorkflowActivities.SendJudgeReminders))]
    public Task<bool> SendJudgeReminders([ActivityTrigger] ReminderRequest input) => activities.SendJudgeReminders(input);

    [Function(nameof(WorkflowActivities.GetCaseSeats))]
    public Task<CaseSeats> GetCaseSeats([ActivityTrigger] CaseRef input) => activities.GetCaseSeats(input);

    [Function(nameof(WorkflowActivities.EscalateLateCase))]
    public Task<bool> EscalateLateCase([ActivityTrigger] CaseRef input) => activities.EscalateLateCase(input);

    [Function(nameof(WorkflowActivities.FinalizeCase))]
    public Task<CaseFinal> FinalizeCase([ActivityTrigger] CaseInBatch input) => activities.FinalizeCase(input);

    [Function(nameof(WorkflowActivities.AllocateResults))]
    public Task<bool> AllocateResults([ActivityTrigger] RoundRef input) => activities.AllocateResults(input);

    [Function(nameof(WorkflowActivities.PublishResults))]
    public Task<bool> PublishResults([ActivityTrigger] RoundRef input) => activities.PublishResults(input);
}
