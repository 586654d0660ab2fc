using Microsoft.DurableTask;
using WelfareFlow.Storage;

namespace WelfareFlow.Workflow;

// Inputs, outputs, events and custom statuses of the orchestrations. Events are named after their record.

public sealed record RoundInput(string RoundId, DateTimeOffset SubmissionDeadline, DateTimeOffset JudgingDeadline, bool RequireApproval, TimeSpan? ReminderEvery);

public sealed record RoundRef(string RoundId);

public sealed record CaseRef(string RoundId, string DistrictId);

/// <summary>What closing intake decided: how many cases go to judging, in how many batches (their district ids
/// stay in the table, so no orchestration payload grows with the round), their judges and quorum.</summary>
public sealed record Intake(int Cases, int Batches, IReadOnlyList<string> JudgeIds, int Quorum, DateTimeOffset? JudgingDeadline = null);

/// <summary>One batch of a round's cases, as the round starts them (<see cref="WorkflowActivities.StartCases"/>):
/// the district ids stay in the batch's row, so the payload is the same at any round size.</summary>
public sealed record CaseBatch(string RoundId, int Batch, IReadOnlyList<string> JudgeIds, DateTimeOffset JudgingDeadline, int Quorum);

public sealed record JudgeRef(string RoundId, string JudgeId);

/// <summary>The round's timing as stored (an operator may have extended the judging deadline since the round started).</summary>
public sealed record RoundSchedule(DateTimeOffset SubmissionDeadline, DateTimeOffset JudgingDeadline, TimeSpan SubmissionReminderBefore);

/// <summary>Where a case stands in the table: who has scored it, which active judges it still waits for, and who
/// recused themselves (their seats need no score).</summary>
public sealed record CaseSeats(IReadOnlyList<string> Scored, IReadOnlyList<string> Pending, IReadOnlyList<string> Recused);

/// <summary>Input of <see cref="WorkflowActivities.ReadyCases"/>: the panel and deadline the cases started with, to
/// tell the cases what changed since.</summary>
public sealed record StartedCases(string RoundId, IReadOnlyList<string> JudgeIds, DateTimeOffset JudgingDeadline);

/// <summary>A case as it starts: every judge of <see cref="JudgeIds"/> is owed. Whatever reached the tables before
/// the case existed is raised to it again by the activity that started it. <see cref="BatchSize"/> is 0 for cases
/// started before batches were counted by markers (they count in the batch row, see <see cref="WorkflowActivities.FinalizeCase"/>).</summary>
public sealed record CaseInput(string RoundId, string DistrictId, IReadOnlyList<string> JudgeIds, DateTimeOffset JudgingDeadline, int Quorum, int Batch, int BatchSize = 0);

/// <summary>Input of <see cref="WorkflowActivities.FinalizeCase"/>: the case, the batch it counts towards, and the
/// judges the case saw score (when they are the whole panel, the lock needs no read).</summary>
public sealed record CaseInBatch(string RoundId, string DistrictId, int Batch, int BatchSize = 0, IReadOnlyList<string>? Scored = null);

/// <summary>A final case: the judges whose scores count, and whether its batch has no open case left.</summary>
public sealed record CaseFinal(IReadOnlyList<string> ScoredJudges, bool BatchDone);

public sealed record CaseOutcome(string DistrictId, IReadOnlyList<string> ScoredJudges);

public sealed record ReminderRequest(string RoundId, int Number);

/// <summary>Event: an operator closed intake before the deadline.</summary>
public sealed record SubmissionsClosed(string Actor);

/// <summary>Event from the last case of a batch to become final to its round. The batch's row says which cases are
/// final, so the round wakes once per batch, not once per case; a repeated event changes nothing.</summary>
public sealed record BatchFinal(int Batch);

/// <summary>Event to a case: a judge's score stored before the case existed (<see cref="WorkflowActivities.ReadyCases"/>).
/// Its name carries the judge id (<see cref="WorkflowEvents.Score"/>).</summary>
public sealed record ScoreSubmitted(string JudgeId, int Revision);

/// <summary>Event to a case from the score path: every seat is filled, as the tables hold them (<see cref="Cases.Scoring"/>).
/// Not in a judge's name: whichever score found the case complete (a first score, or the retry of one whose wake was
/// lost) can wake it, whether or not the case has counted that judge already.</summary>
public sealed record SeatsFilled(CaseSeats Seats);

/// <summary>Event to a case waiting after its deadline without quorum.</summary>
public sealed record OperatorDecision(string Action, DateTimeOffset? NewDeadline)
{
    public const string Proceed = "proceed";
    public const string Extend = "extend";
}

/// <summary>Event to a case: an operator replaced a judge. The judges' table says who is now owed; the event only wakes the case.</summary>
public sealed record JudgeReplaced(string OldJudgeId, string NewJudgeId);

/// <summary>Event to a case: a judge recused themselves. The score row records it; the event only wakes the case.</summary>
public sealed record JudgeRecused(string JudgeId);

/// <summary>Event from the round to each open case: the judging deadline passed (one timer in the round instead of
/// one per case). A case whose deadline was extended beyond it ignores it.</summary>
public sealed record DeadlinePassed(DateTimeOffset Deadline);

/// <summary>Input of <see cref="WorkflowActivities.PassDeadline"/>.</summary>
public sealed record RoundDeadline(string RoundId, DateTimeOffset Deadline);

/// <summary>Event to a case of a live round: an operator closed its scoring (as if its deadline had passed).</summary>
public sealed record CaseClosed(string Actor);

/// <summary>Event to a round: the judging deadline moved later, so reminders run until the new one.</summary>
public sealed record JudgingDeadlineExtended(DateTimeOffset JudgingDeadline);

/// <summary>Event: an operator approved publication of a round that requires it.</summary>
public sealed record PublicationApproved(string Actor);

public sealed record RoundProgress(RoundPhase Phase, int Cases, int CasesFinal);

public sealed record CaseProgress(CasePhase Phase, IReadOnlyList<string> Scored, IReadOnlyList<string> Pending, DateTimeOffset Deadline);

public static class WorkflowEvents
{
    public static string Score(string judgeId) => $"{nameof(ScoreSubmitted)}:{judgeId}";
}

public static class InstanceIds
{
    /// <summary>The case orchestration of a district; ids have no dots, so the dot separates.</summary>
    public static string Case(string roundId, string districtId) => $"{roundId}.{districtId}";

    /// <summary>The round orchestration: its id is the round's.</summary>
    public static string Round(string roundId) => roundId;
}

public static class WorkflowRetry
{
    /// <summary>For activities that send mail: an SMTP server that is down for a while delays the round instead of
    /// failing it. The outbox makes each retry send only what was not sent yet.</summary>
    public static TaskOptions Mail { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(6, TimeSpan.FromSeconds(5), 2, TimeSpan.FromMinutes(5)));

    /// <summary>For activities that start or wake orchestrations: a storage or engine hiccup delays the round instead
    /// of failing it. What they do is idempotent, so a retry repeats nothing that was done.</summary>
    public static TaskOptions Engine { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(6, TimeSpan.FromSeconds(2), 2, TimeSpan.FromMinutes(1)));
}
