namespace WelfareFlow.Mail;

public sealed partial class MailText
{
    public static readonly MailText Korean = new()
    {
        Code = "ko",
        Time = SeoulTime.Korean,
        DistrictInvitation = (round, district, deadline) => new("사례 제출 안내",
            [$"{district} 담당자님, 안녕하십니까.", $"「{round}」 사례를 아래 링크에서 제출해 주십시오.", $"제출 마감: {SeoulTime.Korean(deadline)}", "이 링크는 귀 동 전용입니다. 다른 사람과 공유하지 마십시오."],
            "제출 화면 열기"),
        SubmissionReceipt = (round, district, title, at) => new("사례 접수 확인",
            [$"{district} 담당자님, 사례가 접수되었습니다.", $"사례 제목: {title}", $"접수 시각: {SeoulTime.Korean(at)}", "제출 마감 전까지 같은 링크에서 내용을 수정할 수 있습니다."],
            "제출 내용 보기"),
        SubmissionReminder = (round, district, deadline) => new("제출 마감 임박",
            [$"{district} 담당자님, 아직 「{round}」 사례가 제출되지 않았습니다.", $"제출 마감: {SeoulTime.Korean(deadline)}", "마감 후에는 제출할 수 없습니다. 아래 링크에서 제출해 주십시오."],
            "제출 화면 열기"),
        JudgeInvitation = (round, judge, count, deadline) => new("심사 요청",
            [$"{judge} 심사위원님, 안녕하십니까.", $"「{round}」 심사 대상 사례 {count}건을 아래 링크에서 평가해 주십시오.", $"심사 마감: {SeoulTime.Korean(deadline)}", "이 링크는 위원님 전용입니다. 다른 사람과 공유하지 마십시오."],
            "심사 화면 열기"),
        JudgeReminder = (round, judge, pending, deadline) => new($"심사 알림: {pending.Count}건 남음",
            [$"{judge} 심사위원님, 아직 평가하지 않은 사례가 {pending.Count}건 있습니다.", Bullets(pending), $"심사 마감: {SeoulTime.Korean(deadline)}"],
            "심사 화면 열기"),
        LinkReissued = (round, name) => new("새 링크 발급",
            [$"{name}님, 「{round}」 전용 링크가 새로 발급되었습니다.", "이전에 받으신 링크는 더 이상 사용할 수 없습니다. 아래의 새 링크를 사용해 주십시오."],
            "새 링크 열기"),
        OperatorEscalation = e => new($"심사 지연: {e.DistrictName}",
            [$"심사 마감({SeoulTime.Korean(e.Deadline)})이 지났으나 {e.DistrictName} 사례의 점수가 정족수에 미달합니다 ({e.Scored}/{e.Quorum}).", $"미제출 심사위원: {string.Join(", ", e.LateJudges)}",
                "다음 중 하나를 결정해 주십시오:", $"· 마감 연장: POST {e.RoundApi}/extend-deadline", $"· 심사위원 교체: POST {e.RoundApi}/judges/{{judgeId}}/replace", $"· 현재 점수로 진행: POST {e.RoundApi}/cases/{e.DistrictId}/proceed"]),
        DistrictResult = r => new("심사 결과",
            [$"{r.DistrictName} 담당자님, 안녕하십니까.", $"「{r.RoundTitle}」 심사 결과를 알려 드립니다.",
                r.Rank is null ? "순위: 정족수 미달로 순위가 매겨지지 않았습니다." : $"순위: {r.RankedCount}건 중 {r.Rank}위, 점수 {Points(r.Score)}",
                $"시상: {r.TierLabel ?? "해당 없음"}",
                $"시상 사유: {Either(r.Explanation.TierReasonKo, r.Explanation.TierReason)}",
                $"설명: {Either(r.Explanation.SummaryKo, r.Explanation.Summary)}"]),
        JudgeThanks = (judge, lines) => new("심사 감사 인사 및 최종 결과",
            [$"{judge} 심사위원님, 심사에 참여해 주셔서 감사합니다.", "최종 결과는 다음과 같습니다.", string.Join("\n", lines)]),
        RankHeader = "순위",
        DistrictHeader = "동",
        AwardHeader = "시상",
        ScoreHeader = "점수",
    };
}
