using Microsoft.DurableTask;

namespace WelfareFlow.Workflow;

/// <summary>
/// One case: one wait per judge it is owed by, a deadline, and escalation when the deadline passes without
/// quorum. Operators then extend the deadline, replace a judge (the case waits for the new one instead), or
/// proceed with the scores present. Scores and judges live in the tables; events only wake this up, so a
/// revision simply replaces the row until the case is finalised, and an event that arrives twice changes nothing.
/// A judge's score wakes the case only when every seat is filled (<see cref="SeatsFilled"/>): the custom status
/// lists the judges the case has counted (then, at its deadline, or on an operator's action); the round view and the
/// dashboard show each score as it is stored, from the tables.
/// </summary>
public sealed class CaseOrchestrator : TaskOrchestrator<CaseInput, CaseOutcome>
{
    public override async Task<CaseOutcome> RunAsync(TaskOrchestrationContext context, CaseInput input)
    {
        var caseRef = new CaseRef(input.RoundId, input.DistrictId);
        // Every judge is owed at the start: whatever the tables held before this instance existed is raised to it
        // again by the activity that started it, so the first turn reads nothing (the bare engine's shape).
        var scored = new HashSet<string>(StringComparer.Ordinal);
        var pending = input.JudgeIds.ToHashSet(StringComparer.Ordinal);
        var recused = new HashSet<string>(StringComparer.Ordinal);
        // A recused judge's seat leaves the quorum: the case needs the remaining seats only (DESIGN §5.1).
        int Quorum() => Math.Min(input.Quorum, input.JudgeIds.Count - recused.Count);
        using var listening = new CancellationTokenSource();
        var waits = new Dictionary<Task, string>();
        void Listen()
        {
            foreach (var judge in pending.Order(StringComparer.Ordinal).Where(j => !waits.ContainsValue(j)).ToList())
            {
                waits[context.WaitForExternalEvent<ScoreSubmitted>(WorkflowEvents.Score(judge), listening.Token)] = judge;
            }
        }

        void Apply(CaseSeats fresh)
        {
            // The table is the truth: a score whose event was lost still counts, a replaced judge is no longer owed.
            scored.UnionWith(fresh.Scored);
            recused.UnionWith(fresh.Recused);
            pending = fresh.Pending.Where(j => !scored.Contains(j)).ToHashSet(StringComparer.Ordinal);
            foreach (var stale in waits.Where(w => !pending.Contains(w.Value)).ToList()) waits.Remove(stale.Key);
            Listen();
        }

        Listen();
        var deadline = input.JudgingDeadline;
        // No timer of its own: the round wakes every open case when the deadline passes (one timer per round, not
        // thousands of dormant ones in the queues).
        var deadlinePassed = context.WaitForExternalEvent<DeadlinePassed>(nameof(DeadlinePassed), listening.Token);
        var decision = context.WaitForExternalEvent<OperatorDecision>(nameof(OperatorDecision), listening.Token);
        var replaced = context.WaitForExternalEvent<JudgeReplaced>(nameof(JudgeReplaced), listening.Token);
        var recusal = context.WaitForExternalEvent<JudgeRecused>(nameof(JudgeRecused), listening.Token);
        var closed = context.WaitForExternalEvent<CaseClosed>(nameof(CaseClosed), listening.Token);
        var filled = context.WaitForExternalEvent<SeatsFilled>(nameof(SeatsFilled), listening.Token);
        var escalated = false;

        // At the deadline, or when an operator closes a live case: final if the quorum holds, else escalate.
        async Task<bool> QuorumHoldsOrEscalateAsync()
        {
            Apply(await context.CallActivityAsync<CaseSeats>(nameof(WorkflowActivities.GetCaseSeats), caseRef));
            if (pending.Count == 0 || scored.Count >= Quorum())
            {
                return true;
            }

            await context.CallActivityAsync(nameof(WorkflowActivities.EscalateLateCase), caseRef, WorkflowRetry.Mail);
            escalated = true;
            return false;
        }

        while (pending.Count > 0)
        {
            context.SetCustomStatus(new CaseProgress(escalated ? CasePhase.Escalated : CasePhase.Judging, [.. scored.Order(StringComparer.Ordinal)], [.. pending.Order(StringComparer.Ordinal)], deadline));
            var done = await Task.WhenAny(waits.Keys.Append(deadlinePassed).Append(decision).Append(replaced).Append(recusal).Append(closed).Append(filled));

            if (done == deadlinePassed)
            {
                var passed = deadlinePassed.Result.Deadline;
                deadlinePassed = context.WaitForExternalEvent<DeadlinePassed>(nameof(DeadlinePassed), listening.Token);
                // A stale report (of a deadline since extended) changes nothing.
                if (passed >= deadline && await QuorumHoldsOrEscalateAsync()) break;
            }
            else if (done == closed)
            {
                closed = context.WaitForExternalEvent<CaseClosed>(nameof(CaseClosed), listening.Token);
                if (await QuorumHoldsOrEscalateAsync()) break;
            }
            else if (done == recusal)
            {
                recusal = context.WaitForExternalEvent<JudgeRecused>(nameof(JudgeRecused), listening.Token);
                Apply(await context.CallActivityAsync<CaseSeats>(nameof(WorkflowActivities.GetCaseSeats), caseRef));
            }
            else if (done == decision)
            {
                var chosen = decision.Result;
                decision = context.WaitForExternalEvent<OperatorDecision>(nameof(OperatorDecision), listening.Token);
                if (chosen.Action == OperatorDecision.Proceed && escalated)
                {
                    break;
                }

                // Only a later deadline counts: a repeated or stale extension changes nothing.
                if (chosen.Action == OperatorDecision.Extend && chosen.NewDeadline is { } later && later > deadline)
                {
                    deadline = later;
                    escalated = false;
                }
            }
            else if (done == filled)
            {
                // A score that found every seat filled brings the seats as the tables hold them (Scoring).
                var seats = filled.Result.Seats;
                filled = context.WaitForExternalEvent<SeatsFilled>(nameof(SeatsFilled), listening.Token);
                Apply(seats);
            }
            else if (done == replaced)
            {
                replaced = context.WaitForExternalEvent<JudgeReplaced>(nameof(JudgeReplaced), listening.Token);
                Apply(await context.CallActivityAsync<CaseSeats>(nameof(WorkflowActivities.GetCaseSeats), caseRef));
            }
            else
            {
                var judge = waits[done];
                waits.Remove(done);
                scored.Add(judge);
                pending.Remove(judge);
            }
        }

        listening.Cancel(); // synchronously: CancelAsync would run the waits' callbacks off the orchestration thread
        var final = await context.CallActivityAsync<CaseFinal>(nameof(WorkflowActivities.FinalizeCase),
            new CaseInBatch(input.RoundId, input.DistrictId, input.Batch, input.BatchSize, [.. scored.Order(StringComparer.Ordinal)]));
        if (final.BatchDone)
        {
            context.SendEvent(InstanceIds.Round(input.RoundId), nameof(BatchFinal), new BatchFinal(input.Batch));
        }

        context.SetCustomStatus(new CaseProgress(CasePhase.Final, final.ScoredJudges, [.. pending.Order(StringComparer.Ordinal)], deadline));
        return new CaseOutcome(input.DistrictId, final.ScoredJudges);
    }
}
