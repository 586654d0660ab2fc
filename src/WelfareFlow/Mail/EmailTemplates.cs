using System.Globalization;
using System.Net;
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
        var content = Compose(roundTitle, Ko.JudgeThanks(judgeName, lines), En.JudgeThanks(judgeName, lines), null);
        // The HTML part shows the table as a table; the text part keeps the numbered lines.
        var html = new StringBuilder("<table style=\"border-collapse:collapse\"><thead><tr>");
        foreach (var (ko, en) in new[] { (Ko.RankHeader, En.RankHeader), (Ko.DistrictHeader, En.DistrictHeader), (Ko.AwardHeader, En.AwardHeader), (Ko.ScoreHeader, En.ScoreHeader) })
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{Encode(ko)} {Encode(en)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var r in table)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{r.Rank}</td><td>{Encode(r.DistrictName)}</td><td>{Encode(r.TierLabel ?? "-")}</td><td>{r.Score:0.00}</td></tr>");
        }

        html.Append("</tbody></table>");
        return content with { Html = content.Html.Replace("</body>", html + "</body>", StringComparison.Ordinal) };
    }

    static string Encode(string value) => WebUtility.HtmlEncode(value);

    static Content Compose(string roundTitle, MailText.Part korean, MailText.Part english, string? link)
    {
        var subject = $"[{roundTitle}] {korean.Subject} / {english.Subject}";
        var text = new StringBuilder();
        foreach (var line in korean.Lines) text.AppendLine(line);
        if (link is not null) text.AppendLine().AppendLine(link);
        text.AppendLine().AppendLine("----").AppendLine();
        foreach (var line in english.Lines) text.AppendLine(line);
        if (link is not null) text.AppendLine().AppendLine(link);

        var html = new StringBuilder("<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(subject)).Append("</title></head><body style=\"font-family:sans-serif;line-height:1.5\">");
        Section(html, "ko", korean, link);
        html.Append("<hr>");
        Section(html, "en", english, link);
        html.Append("</body></html>");
        return new Content(subject, text.ToString(), html.ToString());
    }

    static void Section(StringBuilder html, string lang, MailText.Part part, string? link)
    {
        html.Append(CultureInfo.InvariantCulture, $"<div lang=\"{lang}\">");
        foreach (var line in part.Lines) html.Append("<p>").Append(Encode(line).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        if (link is not null) html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Encode(link)}\">{Encode(part.LinkText)}</a></p><p style=\"font-size:small;word-break:break-all\">{Encode(link)}</p>");
        html.Append("</div>");
    }
}
