namespace WelfareFlow.Workflow;

// Inputs, outputs, events and custom statuses of the orchestrations. Events are named after their record.

public sealed record RoundInput(string RoundId, DateTimeOffset SubmissionDeadline, DateTimeOffset JudgingDeadline, bool RequireApproval, TimeSpan? ReminderEvery);

public sealed record RoundRef(string RoundId);

public sealed record CaseRef(string RoundId, string DistrictId);

/// <summary>What closing intake decided: the cases that go to judging, their judges and quorum.</summary>
public sealed record Intake(IReadOnlyList<string> DistrictIds, IReadOnlyList<string> JudgeIds, int Quorum);

public sealed record CaseInput(string RoundId, string DistrictId, IReadOnlyList<string> JudgeIds, DateTimeOffset JudgingDeadline, int Quorum);

public sealed record CaseOutcome(string DistrictId, IReadOnlyList<string> ScoredJudges);

public sealed record ReminderRequest(string RoundId, int Number);

/// <summary>Event: an operator closed intake before the deadline.</summary>
public sealed record SubmissionsClosed(string Actor);

/// <summary>Event from a case orchestration to its round: it exists and listens, so links may go out.</summary>
public sealed record CaseListening(string DistrictId);

/// <summary>Event to a case: a judge saved or revised a score. Its name carries the judge id (<see cref="WorkflowEvents.Score"/>).</summary>
public sealed record ScoreSubmitted(string JudgeId, int Revision);

/// <summary>Event to a case waiting after its deadline without quorum.</summary>
public sealed record OperatorDecision(string Action, DateTimeOffset? NewDeadline)
{
    public const string Proceed = "proceed";
    public const string Extend = "extend";
}

/// <summary>Event: an operator approved publication of a round that requires it.</summary>
public sealed record PublicationApproved(string Actor);

public sealed record RoundProgress(string Phase, int Cases, int CasesFinal);

public sealed record CaseProgress(string Phase, IReadOnlyList<string> Scored, IReadOnlyList<string> Pending, DateTimeOffset Deadline);

public static class WorkflowEvents
{
    public static string Score(string judgeId) => $"{nameof(ScoreSubmitted)}:{judgeId}";
}

public static class InstanceIds
{
    /// <summary>The case orchestration of a district; ids have no dots, so the dot separates.</summary>
    public static string Case(string roundId, string districtId) => $"{roundId}.{districtId}";
}
