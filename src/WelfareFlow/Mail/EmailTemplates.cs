using System.Globalization;
using System.Text;
using WelfareFlow.Evaluation;

namespace WelfareFlow.Mail;

/// <summary>
/// Each kind of message: Korean first then English (<see cref="MailText"/> holds the words), as plain text and HTML
/// (one multipart/alternative message). Times are Seoul time with the zone, which is what every recipient lives by.
/// </summary>
public static class EmailTemplates
{
    public sealed record Content(string Subject, string Text, string Html);

    /// <summary>One line of the final table sent to judges.</summary>
    public sealed record FinalTableRow(int Rank, string DistrictName, string? TierLabel, double Score);

    static readonly MailText Ko = MailText.Korean;
    static readonly MailText En = MailText.English;

    public static Content DistrictInvitation(string roundTitle, string districtName, string link, DateTimeOffset deadline) =>
        Compose(roundTitle, Ko.DistrictInvitation(roundTitle, districtName, deadline), En.DistrictInvitation(roundTitle, districtName, deadline), link);

    /// <summary>A district selected as a finalist: its case was carried into the final and may be revised there.</summary>
    public static Content FinalistInvitation(string roundTitle, string districtName, string link, DateTimeOffset deadline) =>
        Compose(roundTitle, Ko.FinalistInvitation(roundTitle, districtName, deadline), En.FinalistInvitation(roundTitle, districtName, deadline), link);

    public static Content SubmissionReceipt(string roundTitle, string districtName, string caseTitle, string link, DateTimeOffset submittedAt) =>
        Compose(roundTitle, Ko.SubmissionReceipt(roundTitle, districtName, caseTitle, submittedAt), En.SubmissionReceipt(roundTitle, districtName, caseTitle, submittedAt), link);

    public static Content SubmissionReminder(string roundTitle, string districtName, string link, DateTimeOffset deadline) =>
        Compose(roundTitle, Ko.SubmissionReminder(roundTitle, districtName, deadline), En.SubmissionReminder(roundTitle, districtName, deadline), link);

    public static Content JudgeInvitation(string roundTitle, string judgeName, string link, int caseCount, DateTimeOffset deadline) =>
        Compose(roundTitle, Ko.JudgeInvitation(roundTitle, judgeName, caseCount, deadline), En.JudgeInvitation(roundTitle, judgeName, caseCount, deadline), link);

    public static Content JudgeReminder(string roundTitle, string judgeName, string link, IReadOnlyList<string> pendingCases, DateTimeOffset deadline) =>
        Compose(roundTitle, Ko.JudgeReminder(roundTitle, judgeName, pendingCases, deadline), En.JudgeReminder(roundTitle, judgeName, pendingCases, deadline), link);

    /// <summary>An operator re-issued a person's link: the new one works, every older one no longer does.</summary>
    public static Content LinkReissued(string roundTitle, string name, string link) =>
        Compose(roundTitle, Ko.LinkReissued(roundTitle, name), En.LinkReissued(roundTitle, name), link);

    public static Content OperatorEscalation(string roundTitle, string districtName, string districtId, IReadOnlyList<string> lateJudges, int scoredCount, int quorum, DateTimeOffset deadline, string roundApi)
    {
        var escalation = new MailText.Escalation(districtName, districtId, lateJudges, scoredCount, quorum, deadline, roundApi);
        return Compose(roundTitle, Ko.OperatorEscalation(escalation), En.OperatorEscalation(escalation), null);
    }

    public static Content DistrictResult(string roundTitle, string districtName, int? rank, int rankedCount, string? tierLabel, double? score, CaseExplanation explanation)
    {
        var outcome = new MailText.DistrictOutcome(roundTitle, districtName, rank, rankedCount, tierLabel, score, explanation);
        return Compose(roundTitle, Ko.DistrictResult(outcome), En.DistrictResult(outcome), null);
    }

    public static Content JudgeThanks(string roundTitle, string judgeName, IReadOnlyList<FinalTableRow> table)
    {
        var lines = table.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Rank}. {r.DistrictName} — {r.TierLabel ?? "-"} ({r.Score:0.00})")).ToList();
        // The HTML part shows the table as a table; the text part keeps the numbered lines.
        var headers = new[] { (Ko.RankHeader, En.RankHeader), (Ko.DistrictHeader, En.DistrictHeader), (Ko.AwardHeader, En.AwardHeader), (Ko.ScoreHeader, En.ScoreHeader) }
            .Select(h => $"{h.Item1} {h.Item2}").ToList();
        return Compose(roundTitle, Ko.JudgeThanks(judgeName, lines), En.JudgeThanks(judgeName, lines), null, new MailTable(headers, table));
    }

    static Content Compose(string roundTitle, MailText.Part korean, MailText.Part english, string? link, MailTable? table = null)
    {
        var subject = $"[{roundTitle}] {korean.Subject} / {english.Subject}";
        var text = new StringBuilder();
        foreach (var line in korean.Lines) text.AppendLine(line);
        if (link is not null) text.AppendLine().AppendLine(link);
        text.AppendLine().AppendLine("----").AppendLine();
        foreach (var line in english.Lines) text.AppendLine(line);
        if (link is not null) text.AppendLine().AppendLine(link);
        return new Content(subject, text.ToString(), MailHtml.Render(subject, korean, english, link, table));
    }
}
