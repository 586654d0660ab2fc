using System.Globalization;
using System.Net;
using System.Text;
using WelfareFlow.Evaluation;

namespace WelfareFlow.Mail;

/// <summary>
/// Subject and bodies of each kind of message, Korean first then English, as plain text and HTML (one
/// multipart/alternative message). Times are shown in Seoul time, which is what every recipient lives by.
/// </summary>
public static class EmailTemplates
{
    public sealed record Content(string Subject, string Text, string Html);

    /// <summary>One line of the final table sent to judges.</summary>
    public sealed record FinalTableRow(int Rank, string DistrictName, string? TierLabel, double Score);

    public static Content DistrictInvitation(string roundTitle, string districtName, string link, DateTimeOffset deadline) => Compose(
        $"[{roundTitle}] 사례 제출 안내 / Case submission",
        [$"{districtName} 담당자님, 안녕하십니까.", $"「{roundTitle}」 사례를 아래 링크에서 제출해 주십시오.", $"제출 마감: {Seoul(deadline)} (서울 시각)", "이 링크는 귀 동 전용입니다. 다른 사람과 공유하지 마십시오."],
        [$"Dear {districtName} team,", $"Please submit your case for \"{roundTitle}\" through the link below.", $"Deadline: {Seoul(deadline)} (Seoul time)", "This link is for your district only; do not share it."],
        link, "제출 화면 열기", "Open the submission form");

    /// <summary>A district selected as a finalist: its case was carried into the final and may be revised there.</summary>
    public static Content FinalistInvitation(string roundTitle, string districtName, string link, DateTimeOffset deadline) => Compose(
        $"[{roundTitle}] 본선 진출 안내 / Selected for the final",
        [$"{districtName} 담당자님, 축하드립니다. 귀 동의 사례가 본선에 선정되었습니다.", $"「{roundTitle}」에 제출하신 사례가 그대로 옮겨져 있으며, 아래 링크에서 {Seoul(deadline)}(서울 시각)까지 수정할 수 있습니다.", "이 링크는 귀 동 전용입니다. 다른 사람과 공유하지 마십시오."],
        [$"Dear {districtName} team, congratulations: your case was selected for the final.", $"Your case has been carried into \"{roundTitle}\" as submitted; you may revise it through the link below until {Seoul(deadline)} (Seoul time).", "This link is for your district only; do not share it."],
        link, "본선 사례 보기·수정", "View or revise your case");

    public static Content SubmissionReceipt(string roundTitle, string districtName, string caseTitle, string link, DateTimeOffset submittedAt) => Compose(
        $"[{roundTitle}] 사례 접수 확인 / Case received: {caseTitle}",
        [$"{districtName} 담당자님, 사례가 접수되었습니다.", $"사례 제목: {caseTitle}", $"접수 시각: {Seoul(submittedAt)} (서울 시각)", "제출 마감 전까지 같은 링크에서 내용을 수정할 수 있습니다."],
        [$"Dear {districtName} team, your case has been received.", $"Case title: {caseTitle}", $"Received: {Seoul(submittedAt)} (Seoul time)", "You can edit it through the same link until submissions close."],
        link, "제출 내용 보기", "View your submission");

    public static Content SubmissionReminder(string roundTitle, string districtName, string link, DateTimeOffset deadline) => Compose(
        $"[{roundTitle}] 제출 마감 임박 / Submission deadline approaching",
        [$"{districtName} 담당자님, 아직 「{roundTitle}」 사례가 제출되지 않았습니다.", $"제출 마감: {Seoul(deadline)} (서울 시각)", "마감 후에는 제출할 수 없습니다. 아래 링크에서 제출해 주십시오."],
        [$"Dear {districtName} team, your case for \"{roundTitle}\" has not been submitted yet.", $"Deadline: {Seoul(deadline)} (Seoul time)", "Submissions close at the deadline. Please submit through the link below."],
        link, "제출 화면 열기", "Open the submission form");

    public static Content JudgeInvitation(string roundTitle, string judgeName, string link, int caseCount, DateTimeOffset deadline) => Compose(
        $"[{roundTitle}] 심사 요청 / Please score {caseCount} cases",
        [$"{judgeName} 심사위원님, 안녕하십니까.", $"「{roundTitle}」 심사 대상 사례 {caseCount}건을 아래 링크에서 평가해 주십시오.", $"심사 마감: {Seoul(deadline)} (서울 시각)", "이 링크는 위원님 전용입니다. 다른 사람과 공유하지 마십시오."],
        [$"Dear {judgeName},", $"Please score the {caseCount} cases of \"{roundTitle}\" through the link below.", $"Deadline: {Seoul(deadline)} (Seoul time)", "This link is for you only; do not share it."],
        link, "심사 화면 열기", "Open the scoring page");

    public static Content JudgeReminder(string roundTitle, string judgeName, string link, IReadOnlyList<string> pendingCases, DateTimeOffset deadline) => Compose(
        $"[{roundTitle}] 심사 알림: {pendingCases.Count}건 남음 / Reminder: {pendingCases.Count} cases to score",
        [$"{judgeName} 심사위원님, 아직 평가하지 않은 사례가 {pendingCases.Count}건 있습니다.", string.Join("\n", pendingCases.Select(c => "· " + c)), $"심사 마감: {Seoul(deadline)} (서울 시각)"],
        [$"Dear {judgeName}, {pendingCases.Count} cases still await your score.", string.Join("\n", pendingCases.Select(c => "· " + c)), $"Deadline: {Seoul(deadline)} (Seoul time)"],
        link, "심사 화면 열기", "Open the scoring page");

    /// <summary>An operator re-issued a person's link: the new one works, every older one no longer does.</summary>
    public static Content LinkReissued(string roundTitle, string name, string link) => Compose(
        $"[{roundTitle}] 새 링크 발급 / Your new link",
        [$"{name}님, 「{roundTitle}」 전용 링크가 새로 발급되었습니다.", "이전에 받으신 링크는 더 이상 사용할 수 없습니다. 아래의 새 링크를 사용해 주십시오."],
        [$"Dear {name}, a new personal link for \"{roundTitle}\" has been issued.", "The link you received before no longer works; please use the new one below."],
        link, "새 링크 열기", "Open the new link");

    public static Content OperatorEscalation(string roundTitle, string districtName, string districtId, IReadOnlyList<string> lateJudges, int scoredCount, int quorum, DateTimeOffset deadline, string roundApi) => Compose(
        $"[{roundTitle}] 심사 지연 / Judging late: {districtName}",
        [$"심사 마감({Seoul(deadline)}, 서울 시각)이 지났으나 {districtName} 사례의 점수가 정족수에 미달합니다 ({scoredCount}/{quorum}).", $"미제출 심사위원: {string.Join(", ", lateJudges)}",
            "다음 중 하나를 결정해 주십시오:", $"· 마감 연장: POST {roundApi}/extend-deadline", $"· 심사위원 교체: POST {roundApi}/judges/{{judgeId}}/replace", $"· 현재 점수로 진행: POST {roundApi}/cases/{districtId}/proceed"],
        [$"The judging deadline ({Seoul(deadline)} Seoul time) has passed and the case of {districtName} lacks its quorum ({scoredCount}/{quorum}).", $"Judges still to score: {string.Join(", ", lateJudges)}",
            "Please decide one of:", $"· extend the deadline: POST {roundApi}/extend-deadline", $"· replace a judge: POST {roundApi}/judges/{{judgeId}}/replace", $"· proceed with the scores present: POST {roundApi}/cases/{districtId}/proceed"],
        null, "", "");

    public static Content DistrictResult(string roundTitle, string districtName, int? rank, int rankedCount, string? tierLabel, double? score, CaseExplanation explanation) => Compose(
        $"[{roundTitle}] 심사 결과 / Result: {tierLabel ?? (rank is null ? "-" : $"{rank}")}",
        [$"{districtName} 담당자님, 안녕하십니까.", $"「{roundTitle}」 심사 결과를 알려 드립니다.",
            rank is null ? "순위: 정족수 미달로 순위가 매겨지지 않았습니다." : $"순위: {rankedCount}건 중 {rank}위, 점수 {score:0.00}",
            $"시상: {tierLabel ?? "해당 없음"}",
            $"시상 사유: {Either(explanation.TierReasonKo, explanation.TierReason)}",
            $"설명: {Either(explanation.SummaryKo, explanation.Summary)}"],
        [$"Dear {districtName} team,", $"Here is your result in \"{roundTitle}\".",
            rank is null ? "Rank: not ranked (too few scores)." : $"Rank: {rank} of {rankedCount}, score {score:0.00}",
            $"Award: {tierLabel ?? "none"}", $"Why this award: {explanation.TierReason}", $"Explanation: {explanation.Summary}"],
        null, "", "");

    public static Content JudgeThanks(string roundTitle, string judgeName, IReadOnlyList<FinalTableRow> table)
    {
        var lines = table.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Rank}. {r.DistrictName} — {r.TierLabel ?? "-"} ({r.Score:0.00})")).ToList();
        var content = Compose(
            $"[{roundTitle}] 심사 감사 인사 및 최종 결과 / Thank you and final results",
            [$"{judgeName} 심사위원님, 심사에 참여해 주셔서 감사합니다.", "최종 결과는 다음과 같습니다.", string.Join("\n", lines)],
            [$"Dear {judgeName}, thank you for judging.", "The final results are:", string.Join("\n", lines)],
            null, "", "");
        // The HTML part shows the table as a table; the text part keeps the numbered lines.
        var html = new StringBuilder("<table style=\"border-collapse:collapse\"><thead><tr><th scope=\"col\">순위 Rank</th><th scope=\"col\">동 District</th><th scope=\"col\">시상 Award</th><th scope=\"col\">점수 Score</th></tr></thead><tbody>");
        foreach (var r in table)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{r.Rank}</td><td>{Encode(r.DistrictName)}</td><td>{Encode(r.TierLabel ?? "-")}</td><td>{r.Score:0.00}</td></tr>");
        }

        html.Append("</tbody></table>");
        return content with { Html = content.Html.Replace("</body>", html + "</body>", StringComparison.Ordinal) };
    }

    static string Either(string preferred, string fallback) => string.IsNullOrWhiteSpace(preferred) ? fallback : preferred;

    static string Seoul(DateTimeOffset at) =>
        SeoulTime.Format(at);

    static string Encode(string value) => WebUtility.HtmlEncode(value);

    static Content Compose(string subject, IReadOnlyList<string> korean, IReadOnlyList<string> english, string? link, string koreanLinkText, string englishLinkText)
    {
        var text = new StringBuilder();
        foreach (var line in korean) text.AppendLine(line);
        if (link is not null) text.AppendLine().AppendLine(link);
        text.AppendLine().AppendLine("----").AppendLine();
        foreach (var line in english) text.AppendLine(line);
        if (link is not null) text.AppendLine().AppendLine(link);

        var html = new StringBuilder("<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(subject)).Append("</title></head><body style=\"font-family:sans-serif;line-height:1.5\">");
        Section(html, "ko", korean, link, koreanLinkText);
        html.Append("<hr>");
        Section(html, "en", english, link, englishLinkText);
        html.Append("</body></html>");
        return new Content(subject, text.ToString(), html.ToString());
    }

    static void Section(StringBuilder html, string lang, IReadOnlyList<string> lines, string? link, string linkText)
    {
        html.Append(CultureInfo.InvariantCulture, $"<div lang=\"{lang}\">");
        foreach (var line in lines) html.Append("<p>").Append(Encode(line).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        if (link is not null) html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Encode(link)}\">{Encode(linkText)}</a></p><p style=\"font-size:small;word-break:break-all\">{Encode(link)}</p>");
        html.Append("</div>");
    }
}
