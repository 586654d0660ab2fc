using Microsoft.DurableTask;
using WelfareFlow.Storage;

namespace WelfareFlow.Workflow;

/// <summary>
/// One round of the contest: intake until the deadline or an operator's close, one case orchestration
/// per submitted case, the judges' links once those listen, reminders, allocation over all cases,
/// an optional approval gate, publication.
/// </summary>
public sealed class RoundOrchestrator : TaskOrchestrator<RoundInput, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, RoundInput input)
    {
        var round = new RoundRef(input.RoundId);
        context.SetCustomStatus(new RoundProgress(RoundPhases.Submission, 0, 0));
        await context.CallActivityAsync(nameof(WorkflowActivities.SendDistrictInvitations), round);

        using (var intakeOpen = new CancellationTokenSource())
        {
            var deadline = context.CreateTimer(input.SubmissionDeadline.UtcDateTime, intakeOpen.Token);
            var closed = context.WaitForExternalEvent<SubmissionsClosed>(nameof(SubmissionsClosed), intakeOpen.Token);
            await Task.WhenAny(deadline, closed);
            intakeOpen.Cancel(); // synchronously: CancelAsync would run the timers' callbacks off the orchestration thread
        }

        var intake = await context.CallActivityAsync<Intake>(nameof(WorkflowActivities.CloseIntake), round);
        context.SetCustomStatus(new RoundProgress(RoundPhases.Judging, intake.DistrictIds.Count, 0));

        var cases = intake.DistrictIds
            .Select(districtId => context.CallSubOrchestratorAsync<CaseOutcome>(
                nameof(CaseOrchestrator),
                new CaseInput(input.RoundId, districtId, intake.JudgeIds, input.JudgingDeadline, intake.Quorum),
                new SubOrchestrationOptions { InstanceId = InstanceIds.Case(input.RoundId, districtId) }))
            .ToList();

        // An event raised to an instance that does not exist yet is dropped: send the links only once every case listens.
        for (var i = 0; i < cases.Count; i++)
        {
            await context.WaitForExternalEvent<CaseListening>(nameof(CaseListening));
        }

        await context.CallActivityAsync(nameof(WorkflowActivities.SendJudgeInvitations), round);
        await WaitForCasesAsync(context, input, cases);

        await context.CallActivityAsync(nameof(WorkflowActivities.AllocateResults), round);
        if (input.RequireApproval)
        {
            context.SetCustomStatus(new RoundProgress(RoundPhases.Review, cases.Count, cases.Count));
            await context.WaitForExternalEvent<PublicationApproved>(nameof(PublicationApproved));
        }

        await context.CallActivityAsync(nameof(WorkflowActivities.PublishResults), round);
        context.SetCustomStatus(new RoundProgress(RoundPhases.Published, cases.Count, cases.Count));
        return RoundPhases.Published;
    }

    /// <summary>Waits for every case, reminding judges of what they still owe every <c>reminderEvery</c>.</summary>
    static async Task WaitForCasesAsync(TaskOrchestrationContext context, RoundInput input, List<Task<CaseOutcome>> cases)
    {
        var remaining = cases.Cast<Task>().ToHashSet();
        var reminders = 0;
        using var stopReminders = new CancellationTokenSource();
        Task? reminder = NextReminder(context, input, stopReminders.Token);
        while (remaining.Count > 0)
        {
            var done = await Task.WhenAny(reminder is null ? remaining : remaining.Append(reminder));
            if (done == reminder)
            {
                await context.CallActivityAsync(nameof(WorkflowActivities.SendJudgeReminders), new ReminderRequest(input.RoundId, ++reminders));
                reminder = NextReminder(context, input, stopReminders.Token);
                continue;
            }

            remaining.Remove(done);
            context.SetCustomStatus(new RoundProgress(RoundPhases.Judging, cases.Count, cases.Count - remaining.Count));
        }

        stopReminders.Cancel(); // synchronously: CancelAsync would run the timers' callbacks off the orchestration thread
    }

    static Task? NextReminder(TaskOrchestrationContext context, RoundInput input, CancellationToken cancellationToken)
    {
        if (input.ReminderEvery is not { } every || every <= TimeSpan.Zero)
        {
            return null;
        }

        var at = context.CurrentUtcDateTime + every;
        return at < input.JudgingDeadline.UtcDateTime ? context.CreateTimer(at, cancellationToken) : null;
    }
}
