using System.Globalization;
using System.Net;
using System.Text;

namespace WelfareFlow.Mail;

/// <summary>Subject and bodies of each kind of message, Korean first then English, as plain text and HTML.</summary>
public static class EmailTemplates
{
    static readonly TimeZoneInfo SeoulZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public sealed record Content(string Subject, string Text, string Html);

    public static Content DistrictInvitation(string roundTitle, string districtName, string link, DateTimeOffset deadline) => Compose(
        $"[{roundTitle}] 사례 제출 안내 / Case submission",
        [$"{districtName} 담당자님, 안녕하십니까.", $"「{roundTitle}」 사례를 아래 링크에서 제출해 주십시오.", $"제출 마감: {Seoul(deadline)} (서울 시각)", "이 링크는 귀 동 전용입니다. 다른 사람과 공유하지 마십시오."],
        [$"Dear {districtName} team,", $"Please submit your case for \"{roundTitle}\" through the link below.", $"Deadline: {Seoul(deadline)} (Seoul time)", "This link is for your district only; do not share it."],
        link);

    public static Content JudgeInvitation(string roundTitle, string judgeName, string link, int caseCount, DateTimeOffset deadline) => Compose(
        $"[{roundTitle}] 심사 요청 / Please score {caseCount} cases",
        [$"{judgeName} 심사위원님, 안녕하십니까.", $"「{roundTitle}」 심사 대상 사례 {caseCount}건을 아래 링크에서 평가해 주십시오.", $"심사 마감: {Seoul(deadline)} (서울 시각)"],
        [$"Dear {judgeName},", $"Please score the {caseCount} cases of \"{roundTitle}\" through the link below.", $"Deadline: {Seoul(deadline)} (Seoul time)"],
        link);

    public static Content JudgeReminder(string roundTitle, string judgeName, string link, IReadOnlyList<string> pendingCases, DateTimeOffset deadline) => Compose(
        $"[{roundTitle}] 심사 알림: {pendingCases.Count}건 남음 / Reminder: {pendingCases.Count} cases to score",
        [$"{judgeName} 심사위원님, 아직 평가하지 않은 사례가 {pendingCases.Count}건 있습니다.", string.Join("\n", pendingCases.Select(c => "· " + c)), $"심사 마감: {Seoul(deadline)} (서울 시각)"],
        [$"Dear {judgeName}, {pendingCases.Count} cases still await your score.", string.Join("\n", pendingCases.Select(c => "· " + c)), $"Deadline: {Seoul(deadline)} (Seoul time)"],
        link);

    public static Content DistrictResult(string roundTitle, string districtName, int? rank, int rankedCount, string? tierLabel, double? score, string explanation) => Compose(
        $"[{roundTitle}] 심사 결과 / Result",
        [$"{districtName} 담당자님, 안녕하십니까.", $"「{roundTitle}」 심사 결과를 알려 드립니다.",
            rank is null ? "순위: 정족수 미달로 순위가 매겨지지 않았습니다." : $"순위: {rankedCount}건 중 {rank}위, 점수 {score:0.00}",
            $"시상: {tierLabel ?? "해당 없음"}"],
        [$"Dear {districtName} team,", $"Here is your result in \"{roundTitle}\".",
            rank is null ? "Rank: not ranked (too few scores)." : $"Rank: {rank} of {rankedCount}, score {score:0.00}",
            $"Award: {tierLabel ?? "none"}", $"Why: {explanation}"],
        null);

    public static Content JudgeThanks(string roundTitle, string judgeName, string table) => Compose(
        $"[{roundTitle}] 심사 감사 인사 및 최종 결과 / Thank you and final results",
        [$"{judgeName} 심사위원님, 심사에 참여해 주셔서 감사합니다.", "최종 결과는 다음과 같습니다.", table],
        [$"Dear {judgeName}, thank you for judging.", "The final results are:", table],
        null);

    public static Content OperatorEscalation(string roundTitle, string districtName, IReadOnlyList<string> lateJudges, string roundLink) => Compose(
        $"[{roundTitle}] 심사 지연 / Judging late: {districtName}",
        [$"심사 마감이 지났으나 {districtName} 사례의 점수가 정족수에 미달합니다.", $"미제출 심사위원: {string.Join(", ", lateJudges)}", "마감 연장, 심사위원 교체 또는 현재 점수로 진행 중 하나를 결정해 주십시오."],
        [$"The judging deadline has passed and the case of {districtName} lacks its quorum.", $"Judges still to score: {string.Join(", ", lateJudges)}", "Please extend the deadline, replace a judge, or proceed with the scores present."],
        roundLink);

    static string Seoul(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, SeoulZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    static Content Compose(string subject, IReadOnlyList<string> korean, IReadOnlyList<string> english, string? link)
    {
        var text = new StringBuilder();
        foreach (var line in korean) text.AppendLine(line);
        if (link is not null) text.AppendLine().AppendLine(link);
        text.AppendLine().AppendLine("----").AppendLine();
        foreach (var line in english) text.AppendLine(line);
        if (link is not null) text.AppendLine().AppendLine(link);

        var html = new StringBuilder("<!doctype html><html lang=\"ko\"><body style=\"font-family:sans-serif\">");
        Section(html, "ko", korean, link, "링크 열기");
        html.Append("<hr>");
        Section(html, "en", english, link, "Open the link");
        html.Append("</body></html>");
        return new Content(subject, text.ToString(), html.ToString());
    }

    static void Section(StringBuilder html, string lang, IReadOnlyList<string> lines, string? link, string linkText)
    {
        html.Append($"<div lang=\"{lang}\">");
        foreach (var line in lines) html.Append("<p>").Append(WebUtility.HtmlEncode(line).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        if (link is not null) html.Append($"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{linkText}</a></p>");
        html.Append("</div>");
    }
}
