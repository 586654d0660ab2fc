using Microsoft.DurableTask;

namespace WelfareFlow.Workflow;

/// <summary>
/// One case: one wait per judge, a deadline, and escalation when the deadline passes without quorum
/// (operators decide: extend or proceed). Scores live in the table; events only wake this up, so a
/// revision simply replaces the row until the case is finalised.
/// </summary>
public sealed class CaseOrchestrator : TaskOrchestrator<CaseInput, CaseOutcome>
{
    public override async Task<CaseOutcome> RunAsync(TaskOrchestrationContext context, CaseInput input)
    {
        var caseRef = new CaseRef(input.RoundId, input.DistrictId);
        var scored = (await context.CallActivityAsync<List<string>>(nameof(WorkflowActivities.GetScoredJudges), caseRef)).ToHashSet(StringComparer.Ordinal);
        if (context.Parent is { } parent)
        {
            context.SendEvent(parent.InstanceId, nameof(CaseListening), new CaseListening(input.DistrictId));
        }

        using var listening = new CancellationTokenSource();
        var waits = input.JudgeIds.Where(j => !scored.Contains(j))
            .ToDictionary(j => (Task)context.WaitForExternalEvent<ScoreSubmitted>(WorkflowEvents.Score(j), listening.Token), j => j);
        var deadline = input.JudgingDeadline;
        Task? timer = context.CreateTimer(deadline.UtcDateTime, listening.Token);
        Task<OperatorDecision>? decision = null;

        while (scored.Count < input.JudgeIds.Count)
        {
            context.SetCustomStatus(new CaseProgress(decision is null ? "judging" : "escalated", [.. scored.Order(StringComparer.Ordinal)], [.. waits.Values.Order(StringComparer.Ordinal)], deadline));
            IEnumerable<Task> pending = waits.Keys;
            if (timer is not null) pending = pending.Append(timer);
            if (decision is not null) pending = pending.Append(decision);
            var done = await Task.WhenAny(pending);

            if (done == timer)
            {
                timer = null;
                // The table is the truth: a score whose event could not be delivered is still counted.
                scored.UnionWith(await context.CallActivityAsync<List<string>>(nameof(WorkflowActivities.GetScoredJudges), caseRef));
                foreach (var settled in waits.Where(w => scored.Contains(w.Value)).ToList()) waits.Remove(settled.Key);
                if (scored.Count >= input.Quorum)
                {
                    break;
                }

                await context.CallActivityAsync(nameof(WorkflowActivities.EscalateLateCase), caseRef);
                decision = context.WaitForExternalEvent<OperatorDecision>(nameof(OperatorDecision), listening.Token);
            }
            else if (done == decision)
            {
                var chosen = decision.Result;
                decision = null;
                if (chosen.Action == OperatorDecision.Proceed)
                {
                    break;
                }

                deadline = chosen.NewDeadline ?? deadline;
                timer = context.CreateTimer(deadline.UtcDateTime, listening.Token);
            }
            else
            {
                scored.Add(waits[done]);
                waits.Remove(done);
            }
        }

        listening.Cancel(); // synchronously: CancelAsync would run the timers' callbacks off the orchestration thread
        var final = await context.CallActivityAsync<List<string>>(nameof(WorkflowActivities.FinalizeCase), caseRef);
        context.SetCustomStatus(new CaseProgress("final", final, [.. input.JudgeIds.Except(final).Order(StringComparer.Ordinal)], deadline));
        return new CaseOutcome(input.DistrictId, final);
    }
}
