using Microsoft.DurableTask;
using WelfareFlow.Storage;

namespace WelfareFlow.Workflow;

/// <summary>
/// One round of the contest: intake until the deadline or an operator's close (with one reminder to districts
/// that have not submitted), one case orchestration per submitted case, the judges' links once those listen,
/// reminders, allocation over all cases, an optional approval gate, publication.
/// </summary>
public sealed class RoundOrchestrator : TaskOrchestrator<RoundInput, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, RoundInput input)
    {
        var round = new RoundRef(input.RoundId);
        context.SetCustomStatus(new RoundProgress(RoundPhases.Submission, 0, 0));
        await context.CallActivityAsync(nameof(WorkflowActivities.SendDistrictInvitations), round, WorkflowRetry.Mail);
        var schedule = await context.CallActivityAsync<RoundSchedule>(nameof(WorkflowActivities.GetRoundSchedule), round);

        using (var intakeOpen = new CancellationTokenSource())
        {
            var deadline = context.CreateTimer(input.SubmissionDeadline.UtcDateTime, intakeOpen.Token);
            var closed = context.WaitForExternalEvent<SubmissionsClosed>(nameof(SubmissionsClosed), intakeOpen.Token);
            // One reminder before the deadline; none if that moment had already passed when the round started.
            var remindAt = (input.SubmissionDeadline - schedule.SubmissionReminderBefore).UtcDateTime;
            Task? reminder = remindAt > context.CurrentUtcDateTime ? context.CreateTimer(remindAt, intakeOpen.Token) : null;
            while (await Task.WhenAny(reminder is null ? [deadline, closed] : [deadline, closed, reminder]) == reminder)
            {
                reminder = null;
                await context.CallActivityAsync(nameof(WorkflowActivities.SendSubmissionReminders), round, WorkflowRetry.Mail);
            }

            intakeOpen.Cancel(); // synchronously: CancelAsync would run the timers' callbacks off the orchestration thread
        }

        var intake = await context.CallActivityAsync<Intake>(nameof(WorkflowActivities.CloseIntake), round);
        var judgingDeadline = intake.JudgingDeadline ?? input.JudgingDeadline;
        context.SetCustomStatus(new RoundProgress(RoundPhases.Judging, intake.DistrictIds.Count, 0));

        var cases = intake.DistrictIds
            .Select(districtId => context.CallSubOrchestratorAsync<CaseOutcome>(
                nameof(CaseOrchestrator),
                new CaseInput(input.RoundId, districtId, intake.JudgeIds, judgingDeadline, intake.Quorum),
                new SubOrchestrationOptions { InstanceId = InstanceIds.Case(input.RoundId, districtId) }))
            .ToList();

        // An event raised to an instance that does not exist yet is dropped: send the links only once every case listens.
        for (var i = 0; i < cases.Count; i++)
        {
            await context.WaitForExternalEvent<CaseListening>(nameof(CaseListening));
        }

        await context.CallActivityAsync(nameof(WorkflowActivities.SendJudgeInvitations), round, WorkflowRetry.Mail);
        await WaitForCasesAsync(context, input, cases, judgingDeadline);

        await context.CallActivityAsync(nameof(WorkflowActivities.AllocateResults), round);
        if (input.RequireApproval)
        {
            context.SetCustomStatus(new RoundProgress(RoundPhases.Review, cases.Count, cases.Count));
            await context.WaitForExternalEvent<PublicationApproved>(nameof(PublicationApproved));
        }

        await context.CallActivityAsync(nameof(WorkflowActivities.PublishResults), round, WorkflowRetry.Mail);
        context.SetCustomStatus(new RoundProgress(RoundPhases.Published, cases.Count, cases.Count));
        return RoundPhases.Published;
    }

    /// <summary>Waits for every case, reminding judges of what they still owe every <c>reminderEvery</c> until
    /// the judging deadline, which an operator may move later.</summary>
    static async Task WaitForCasesAsync(TaskOrchestrationContext context, RoundInput input, List<Task<CaseOutcome>> cases, DateTimeOffset horizon)
    {
        var remaining = cases.Cast<Task>().ToHashSet();
        var reminders = 0;
        using var stop = new CancellationTokenSource();
        Task? reminder = NextReminder(context, input.ReminderEvery, horizon, stop.Token);
        var extended = context.WaitForExternalEvent<JudgingDeadlineExtended>(nameof(JudgingDeadlineExtended), stop.Token);
        while (remaining.Count > 0)
        {
            IEnumerable<Task> waiting = remaining.Append(extended);
            if (reminder is not null) waiting = waiting.Append(reminder);
            var done = await Task.WhenAny(waiting);
            if (done == reminder)
            {
                await context.CallActivityAsync(nameof(WorkflowActivities.SendJudgeReminders), new ReminderRequest(input.RoundId, ++reminders), WorkflowRetry.Mail);
                reminder = NextReminder(context, input.ReminderEvery, horizon, stop.Token);
                continue;
            }

            if (done == extended)
            {
                // Repeated or stale extensions only ever move the horizon later.
                if (extended.Result.JudgingDeadline > horizon)
                {
                    horizon = extended.Result.JudgingDeadline;
                    reminder ??= NextReminder(context, input.ReminderEvery, horizon, stop.Token);
                }

                extended = context.WaitForExternalEvent<JudgingDeadlineExtended>(nameof(JudgingDeadlineExtended), stop.Token);
                continue;
            }

            remaining.Remove(done);
            context.SetCustomStatus(new RoundProgress(RoundPhases.Judging, cases.Count, cases.Count - remaining.Count));
        }

        stop.Cancel(); // synchronously: CancelAsync would run the timers' callbacks off the orchestration thread
    }

    static Task? NextReminder(TaskOrchestrationContext context, TimeSpan? every, DateTimeOffset horizon, CancellationToken cancellationToken)
    {
        if (every is not { } interval || interval <= TimeSpan.Zero)
        {
            return null;
        }

        var at = context.CurrentUtcDateTime + interval;
        return at < horizon.UtcDateTime ? context.CreateTimer(at, cancellationToken) : null;
    }
}
