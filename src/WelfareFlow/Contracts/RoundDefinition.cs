using WelfareFlow.Evaluation;

namespace WelfareFlow.Contracts;

/// <summary>Body of <c>POST /api/rounds</c> (DESIGN §5). Everything nullable: it is validated as the client sent it.</summary>
public sealed record RoundDefinition(
    string? Id,
    string? Title,
    IReadOnlyList<Participant>? Districts,
    IReadOnlyList<Participant>? Judges,
    IReadOnlyList<Criterion>? Rubric,
    string? Aggregation,
    IReadOnlyList<TierDefinition>? Tiers,
    DateTimeOffset? SubmissionDeadline,
    DateTimeOffset? JudgingDeadline,
    string? ReminderEvery,
    IReadOnlyList<string>? OperatorEmails,
    bool? RequireApproval,
    int? Quorum,
    string? SubmissionReminderBefore = null);

/// <summary>The parts of a definition kept on the round row (districts and judges have rows of their own).</summary>
public sealed record RoundSettings(
    IReadOnlyList<Criterion> Rubric,
    string Aggregation,
    IReadOnlyList<TierDefinition> Tiers,
    TimeSpan? ReminderEvery,
    IReadOnlyList<string> OperatorEmails,
    int? Quorum,
    TimeSpan? SubmissionReminderBefore = null);

public sealed record CaseSubmission(string? Title, string? Summary, string? Category);

public sealed record ScoreSubmission(IReadOnlyDictionary<string, double>? Criteria, string? Comment);

public sealed record SpecialAwardRequest(string? DistrictId, string? Title, string? Reason);

public sealed record RoundView(string Id, string Title, string Phase, DateTimeOffset SubmissionDeadline, DateTimeOffset JudgingDeadline, IReadOnlyList<CaseView> Cases);

public sealed record CaseView(string DistrictId, string Status, IReadOnlyDictionary<string, string> Judges);

public sealed record CaseDocument(string RoundId, string DistrictId, string Title, string Summary, string Category, string Status, int Revision, DateTimeOffset? UpdatedAt);

public sealed record ScoreDocument(string RoundId, string DistrictId, string JudgeId, IReadOnlyDictionary<string, double> Criteria, string Comment, double Total, int Revision);

public sealed record AwardView(string DistrictId, string DistrictName, int? Rank, double? Score, string? Tier, string? TierLabel, CaseExplanation Explanation);

public sealed record SpecialAwardView(string DistrictId, string DistrictName, string Title, string Reason, DateTimeOffset AwardedAt);

/// <summary>What allocation stored for the round as a whole.</summary>
public sealed record ResultSummary(string RoundId, string Aggregation, DateTimeOffset AllocatedAt, int RankedCases, AgreementStatistics Agreement, IReadOnlyList<SensitivityRow> Sensitivity);

public sealed record ResultsView(string RoundId, string Aggregation, IReadOnlyList<AwardView> Awards, IReadOnlyList<SpecialAwardView> SpecialAwards, AgreementStatistics Agreement, IReadOnlyList<SensitivityRow> Sensitivity);
