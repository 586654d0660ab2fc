using Microsoft.DurableTask;
using WelfareFlow.Storage;

namespace WelfareFlow.Workflow;

/// <summary>
/// One round of the contest: intake until the deadline or an operator's close (with one reminder to districts
/// that have not submitted), the submitted cases started in batches, the judges' links, the judging deadline and
/// reminders, allocation once every batch of cases is final, an optional approval gate, publication.
/// </summary>
public sealed class RoundOrchestrator : TaskOrchestrator<RoundInput, RoundPhase>
{
    /// <summary>Cases per batch: the unit in which cases start and report final to the round.</summary>
    public const int CasesPerBatch = 50;

    /// <summary>Batches started at the same time (each is one activity starting its cases).</summary>
    const int BatchesAtOnce = 8;

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

        // The cases start in batches of activities, each starting its cases as top-level instances: the round's
        // history grows by a few events per batch, never per case. A few batches at a time: seventy at once each
        // outlasted the work-item queue's visibility timeout on a busy store and were taken twice. Links go out once
        // every case exists, so no judge's score is raised to a case that is not there yet.
        foreach (var wave in Enumerable.Range(0, intake.Batches).Chunk(BatchesAtOnce))
        {
            await Task.WhenAll(wave.Select(batch => context.CallActivityAsync<int>(
                nameof(WorkflowActivities.StartCases),
                new CaseBatch(input.RoundId, batch, intake.JudgeIds, judgingDeadline, intake.Quorum),
                WorkflowRetry.Engine)));
        }

        await context.CallActivityAsync<bool>(nameof(WorkflowActivities.ReadyCases),
            new StartedCases(input.RoundId, intake.JudgeIds, judgingDeadline), WorkflowRetry.Engine);

        await context.CallActivityAsync(nameof(WorkflowActivities.SendJudgeInvitations), round, WorkflowRetry.Mail);
        await WaitForCasesAsync(context, input, intake.Batches, intake.Cases, judgingDeadline);

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

    /// <summary>Waits until every batch of cases is final (each reports once, see <see cref="BatchFinal"/>), reminding
    /// judges of what they still owe every <c>reminderEvery</c> until the judging deadline, which an operator may
    /// move later.</summary>
    static async Task WaitForCasesAsync(TaskOrchestrationContext context, RoundInput input, int batches, int cases, DateTimeOffset horizon)
    {
        var finalBatches = new HashSet<int>();
        var final = 0;
        var reminders = 0;
        using var stop = new CancellationTokenSource();
        Task? reminder = NextReminder(context, input.ReminderEvery, horizon, stop.Token);
        // The deadline of every case: one timer here, moved when the deadline is extended.
        var deadlineStop = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        Task? deadline = context.CreateTimer(horizon.UtcDateTime, deadlineStop.Token);
        var extended = context.WaitForExternalEvent<JudgingDeadlineExtended>(nameof(JudgingDeadlineExtended), stop.Token);
        var batchFinal = context.WaitForExternalEvent<BatchFinal>(nameof(BatchFinal), stop.Token);
        while (finalBatches.Count < batches)
        {
            IEnumerable<Task> waiting = [batchFinal, extended];
            if (reminder is not null) waiting = waiting.Append(reminder);
            if (deadline is not null) waiting = waiting.Append(deadline);
            var done = await Task.WhenAny(waiting);
            if (done == reminder)
            {
                await context.CallActivityAsync(nameof(WorkflowActivities.SendJudgeReminders), new ReminderRequest(input.RoundId, ++reminders), WorkflowRetry.Mail);
                reminder = NextReminder(context, input.ReminderEvery, horizon, stop.Token);
                continue;
            }

            if (done == deadline)
            {
                deadline = null;
                await context.CallActivityAsync(nameof(WorkflowActivities.PassDeadline), new RoundDeadline(input.RoundId, horizon), WorkflowRetry.Engine);
                continue;
            }

            if (done == extended)
            {
                // Repeated or stale extensions only ever move the horizon later.
                if (extended.Result.JudgingDeadline > horizon)
                {
                    horizon = extended.Result.JudgingDeadline;
                    reminder ??= NextReminder(context, input.ReminderEvery, horizon, stop.Token);
                    deadlineStop.Cancel(); // synchronously: CancelAsync would run the timer's callbacks off the orchestration thread
                    deadlineStop.Dispose();
                    deadlineStop = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                    deadline = context.CreateTimer(horizon.UtcDateTime, deadlineStop.Token);
                }

                extended = context.WaitForExternalEvent<JudgingDeadlineExtended>(nameof(JudgingDeadlineExtended), stop.Token);
                continue;
            }

            var batch = batchFinal.Result.Batch;
            batchFinal = context.WaitForExternalEvent<BatchFinal>(nameof(BatchFinal), stop.Token);
            // A batch's report may come twice (its last two cases finishing together); it counts once.
            if (batch < 0 || batch >= batches || !finalBatches.Add(batch)) continue;
            final += Math.Min(CasesPerBatch, cases - batch * CasesPerBatch);
            context.SetCustomStatus(new RoundProgress(RoundPhase.Judging, cases, final));
        }

        stop.Cancel(); // synchronously: CancelAsync would run the timers' callbacks off the orchestration thread
        deadlineStop.Dispose();
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
