namespace WelfareFlow.Pages;

/// <summary>The judge page's words for the presentation day and recusal, in Korean (the default) and English.
/// Kept beside <see cref="PageText"/> until the pages share one translation scheme.</summary>
public static class LiveJudgeText
{
    static string Pick(PageText t, string ko, string en) => t.Code == "en" ? en : ko;

    public static string Presenting(PageText t, string district) => Pick(t, $"지금 발표 중: {district}. 아래 첫 사례를 평가해 주십시오.", $"Presenting now: {district}. Please score the first case below.");
    public static string Waiting(PageText t) => Pick(t, "다음 발표를 기다리는 중입니다. 이 화면은 스스로 새로 고쳐집니다.", "Waiting for the next presentation; this page refreshes itself.");
    public static string NotOpen(PageText t) => Pick(t, "이 사례는 지금 발표 중이 아니어서 평가할 수 없습니다.", "This case is not presenting now, so it cannot be scored.");
    public static string Recused(PageText t) => Pick(t, "이해충돌로 이 사례의 심사를 회피하셨습니다.", "You recused yourself from this case (conflict of interest).");
    public static string RecusedBadge(PageText t) => Pick(t, "회피", "Recused");
    public static string RecuseHeading(PageText t) => Pick(t, "이해충돌 회피", "Conflict of interest");
    public static string RecuseReason(PageText t) => Pick(t, "회피 사유", "Reason for recusal");
    public static string RecuseButton(PageText t) => Pick(t, "이 사례 심사 회피", "Recuse myself from this case");
    public static string RecusalSaved(PageText t, string district) => Pick(t, $"{district} 사례의 심사 회피가 기록되었습니다.", $"Your recusal from {district}'s case is recorded.");
}
