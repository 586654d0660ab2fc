using Microsoft.DurableTask;
using WelfareFlow.Storage;

namespace WelfareFlow.Workflow;

/// <summary>
/// One round of the contest: intake until the deadline or an operator's close (with one reminder to districts
/// that have not submitted), the submitted cases in batches of case orchestrations, the judges' links,
/// reminders, allocation over all cases, an optional approval gate, publication.
/// </summary>
public sealed class RoundOrchestrator : TaskOrchestrator<RoundInput, RoundPhase>
{
    public override async Task<RoundPhase> RunAsync(TaskOrchestrationContext context, RoundInput input)
    {
        var round = new RoundRef(input.RoundId);
        context.SetCustomStatus(new RoundProgress(RoundPhase.Submission, 0, 0));
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
        context.SetCustomStatus(new RoundProgress(RoundPhase.Judging, intake.Cases, 0));

        var batches = Enumerable.Range(0, intake.Batches)
            .Select(batch => context.CallSubOrchestratorAsync<int>(
                nameof(CaseBatchOrchestrator),
                new CaseBatchInput(input.RoundId, batch, intake.JudgeIds, judgingDeadline, intake.Quorum),
                new SubOrchestrationOptions { InstanceId = InstanceIds.Batch(input.RoundId, batch) }))
            .ToList();

        // Links go out once every case listens (one event per batch): a score event to a case orchestration that
        // does not exist yet is not lost (each case reads its stored scores when it starts) but held back by the
        // backend, which delays that case.
        var listening = new HashSet<int>();
        while (listening.Count < batches.Count)
        {
            listening.Add((await context.WaitForExternalEvent<BatchListening>(nameof(BatchListening))).Batch);
        }

        await context.CallActivityAsync(nameof(WorkflowActivities.SendJudgeInvitations), round, WorkflowRetry.Mail);
        await WaitForCasesAsync(context, input, batches, intake.Cases, judgingDeadline);

        await context.CallActivityAsync(nameof(WorkflowActivities.AllocateResults), round);
        if (input.RequireApproval)
        {
            context.SetCustomStatus(new RoundProgress(RoundPhase.Review, intake.Cases, intake.Cases));
            await context.WaitForExternalEvent<PublicationApproved>(nameof(PublicationApproved));
        }

        await context.CallActivityAsync(nameof(WorkflowActivities.PublishResults), round, WorkflowRetry.Mail);
        context.SetCustomStatus(new RoundProgress(RoundPhase.Published, intake.Cases, intake.Cases));
        return RoundPhase.Published;
    }

    /// <summary>Waits for every batch of cases, reminding judges of what they still owe every <c>reminderEvery</c>
    /// until the judging deadline, which an operator may move later.</summary>
    static async Task WaitForCasesAsync(TaskOrchestrationContext context, RoundInput input, List<Task<int>> batches, int cases, DateTimeOffset horizon)
    {
        var remaining = batches.Cast<Task>().ToHashSet();
        var final = 0;
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
            final += ((Task<int>)done).Result;
            context.SetCustomStatus(new RoundProgress(RoundPhase.Judging, cases, final));
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
