using WelfareFlow.Evaluation;
using WelfareFlow.Finalists;
using WelfareFlow.Live;

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
    string? SubmissionReminderBefore = null,
    string? Judging = null,
    FinalistsOf? FinalistsOf = null);

/// <summary>The parts of a definition kept on the round row (districts and judges have rows of their own).</summary>
public sealed record RoundSettings(
    IReadOnlyList<Criterion> Rubric,
    string Aggregation,
    IReadOnlyList<TierDefinition> Tiers,
    TimeSpan? ReminderEvery,
    IReadOnlyList<string> OperatorEmails,
    int? Quorum,
    TimeSpan? SubmissionReminderBefore = null,
    JudgingMode? Judging = null,
    FinalistsOf? FinalistsOf = null);

public sealed record CaseSubmission(string? Title, string? Summary, string? Category);

public sealed record ScoreSubmission(IReadOnlyDictionary<string, double>? Criteria, string? Comment);

public sealed record SpecialAwardRequest(string? DistrictId, string? Title, string? Reason);

/// <param name="Judging"><c>remote</c> or <c>live</c> (DESIGN §5.1).</param>
/// <param name="Current">In a live round, the case presenting now (open for scores), else null.</param>
public sealed record RoundView(string Id, string Title, string Phase, DateTimeOffset SubmissionDeadline, DateTimeOffset JudgingDeadline, IReadOnlyList<CaseView> Cases,
    string Judging = "remote", string? Current = null, FinalistsOf? FinalistsOf = null);

/// <param name="Judges">Per judge <c>pending</c>, <c>scored</c> or <c>recused</c>.</param>
/// <param name="Order">In a live round, the case's place in the running order (1 first), else null.</param>
public sealed record CaseView(string DistrictId, string Status, IReadOnlyDictionary<string, string> Judges, int? Order = null);

public sealed record CaseDocument(string RoundId, string DistrictId, string Title, string Summary, string Category, string Status, int Revision, DateTimeOffset? UpdatedAt);

public sealed record ScoreDocument(string RoundId, string DistrictId, string JudgeId, IReadOnlyDictionary<string, double> Criteria, string Comment, double Total, int Revision);

public sealed record AwardView(string DistrictId, string DistrictName, int? Rank, double? Score, string? Tier, string? TierLabel, CaseExplanation Explanation);

public sealed record SpecialAwardView(string DistrictId, string DistrictName, string Title, string Reason, DateTimeOffset AwardedAt);

/// <summary>What allocation stored for the round as a whole.</summary>
public sealed record ResultSummary(string RoundId, string Aggregation, DateTimeOffset AllocatedAt, int RankedCases, AgreementStatistics Agreement, IReadOnlyList<SensitivityRow> Sensitivity);

public sealed record ResultsView(string RoundId, string Aggregation, IReadOnlyList<AwardView> Awards, IReadOnlyList<SpecialAwardView> SpecialAwards, AgreementStatistics Agreement, IReadOnlyList<SensitivityRow> Sensitivity);
