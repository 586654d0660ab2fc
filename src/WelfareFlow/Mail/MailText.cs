using System.Globalization;
using WelfareFlow.Evaluation;

namespace WelfareFlow.Mail;

/// <summary>
/// The words of every email in one language. Each message holds Korean first, then English (<see cref="EmailTemplates"/>
/// puts <see cref="Korean"/> and <see cref="English"/> together). Typed like the pages' words: a message missing in
/// either language fails the build.
/// </summary>
public sealed partial class MailText
{
    /// <summary>A message's part in one language: its share of the subject, its paragraphs and the link's text.</summary>
    public sealed record Part(string Subject, IReadOnlyList<string> Lines, string LinkText = "");

    public required string Code { get; init; }
    public required Func<DateTimeOffset, string> Time { get; init; }
    public required Func<string, string, DateTimeOffset, Part> DistrictInvitation { get; init; }
    public required Func<string, string, DateTimeOffset, Part> FinalistInvitation { get; init; }
    public required Func<string, string, string, DateTimeOffset, Part> SubmissionReceipt { get; init; }
    public required Func<string, string, DateTimeOffset, Part> SubmissionReminder { get; init; }
    public required Func<string, string, int, DateTimeOffset, Part> JudgeInvitation { get; init; }
    public required Func<string, string, IReadOnlyList<string>, DateTimeOffset, Part> JudgeReminder { get; init; }
    public required Func<string, string, Part> LinkReissued { get; init; }
    public required Func<Escalation, Part> OperatorEscalation { get; init; }
    public required Func<DistrictOutcome, Part> DistrictResult { get; init; }
    public required Func<string, IReadOnlyList<string>, Part> JudgeThanks { get; init; }
    public required string RankHeader { get; init; }
    public required string DistrictHeader { get; init; }
    public required string AwardHeader { get; init; }
    public required string ScoreHeader { get; init; }

    /// <summary>What an escalation email says: the case, who is late, the quorum, and the API to act with.</summary>
    public sealed record Escalation(string DistrictName, string DistrictId, IReadOnlyList<string> LateJudges, int Scored, int Quorum, DateTimeOffset Deadline, string RoundApi);

    /// <summary>A district's result as its email tells it.</summary>
    public sealed record DistrictOutcome(string RoundTitle, string DistrictName, int? Rank, int RankedCount, string? TierLabel, double? Score, CaseExplanation Explanation);

    static string Points(double? score) => score?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";

    static string Either(string preferred, string fallback) => string.IsNullOrWhiteSpace(preferred) ? fallback : preferred;

    static string Bullets(IEnumerable<string> items) => string.Join("\n", items.Select(c => "· " + c));
}
