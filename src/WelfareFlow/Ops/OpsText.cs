using Microsoft.AspNetCore.Http;

namespace WelfareFlow.Ops;

/// <summary>The dashboard's words in Korean (first) and English. The language comes from <c>?lang=</c> (kept in a
/// cookie), else the browser's Accept-Language, else Korean.</summary>
public sealed class OpsText
{
    public const string LanguageCookie = "wf-lang";

    static readonly Dictionary<string, (string Ko, string En)> Words = new(StringComparer.Ordinal)
    {
        ["app"] = ("복지업무 우수 동 심사 운영", "WelfareFlow operations"),
        ["signIn"] = ("로그인", "Sign in"),
        ["signOut"] = ("로그아웃", "Sign out"),
        ["operatorKey"] = ("운영자 키", "Operator key"),
        ["wrongKey"] = ("운영자 키가 맞지 않습니다.", "That operator key is not right."),
        ["rounds"] = ("심사 회차", "Rounds"),
        ["noRounds"] = ("아직 회차가 없습니다.", "No rounds yet."),
        ["round"] = ("회차", "Round"),
        ["title"] = ("제목", "Title"),
        ["phase"] = ("단계", "Phase"),
        ["cases"] = ("사례", "Cases"),
        ["districts"] = ("동", "Districts"),
        ["judges"] = ("심사위원", "Judges"),
        ["submissionDeadline"] = ("제출 마감", "Submission deadline"),
        ["judgingDeadline"] = ("심사 마감", "Judging deadline"),
        ["phase.submission"] = ("접수 중", "Submission"),
        ["phase.judging"] = ("심사 중", "Judging"),
        ["phase.review"] = ("승인 대기", "Review"),
        ["phase.published"] = ("발표됨", "Published"),
        ["timeline"] = ("진행 단계", "Timeline"),
        ["created"] = ("생성", "Created"),
        ["closed"] = ("접수 마감", "Submissions closed"),
        ["allocated"] = ("결과 산정", "Results allocated"),
        ["published"] = ("발표", "Published"),
        ["matrix"] = ("사례 × 심사위원 진행", "Cases × judges"),
        ["district"] = ("동", "District"),
        ["status"] = ("상태", "Status"),
        ["scored"] = ("채점", "Scored"),
        ["pending"] = ("대기", "Pending"),
        ["late"] = ("지연", "late"),
        ["overdue"] = ("마감 지남", "overdue"),
        ["notScored"] = ("미채점", "not scored"),
        ["case.submitted"] = ("제출됨", "submitted"),
        ["case.judging"] = ("심사 중", "judging"),
        ["case.final"] = ("확정", "final"),
        ["instances"] = ("오케스트레이션 인스턴스", "Durable instances"),
        ["instance"] = ("인스턴스", "Instance"),
        ["name"] = ("이름", "Name"),
        ["runtimeStatus"] = ("실행 상태", "Runtime status"),
        ["customStatus"] = ("진행 상태", "Custom status"),
        ["lastUpdated"] = ("최종 갱신", "Last updated"),
        ["failure"] = ("실패 내용", "Failure"),
        ["noInstances"] = ("인스턴스 기록이 없습니다 (기록이 삭제되었을 수 있음).", "No instance history (it may have been purged)."),
        ["history"] = ("실행 기록", "Orchestration history"),
        ["historyUnavailable"] = ("실행 기록을 가져올 수 없습니다.", "The orchestration history could not be read."),
        ["event"] = ("이벤트", "Event"),
        ["time"] = ("시각", "Time"),
        ["detail"] = ("내용", "Detail"),
        ["audit"] = ("감사 기록", "Audit trail"),
        ["actor"] = ("수행자", "Actor"),
        ["action"] = ("작업", "Action"),
        ["subject"] = ("대상", "Subject"),
        ["before"] = ("변경 전", "Before"),
        ["after"] = ("변경 후", "After"),
        ["actions"] = ("운영 작업", "Actions"),
        ["exports"] = ("내보내기", "Exports"),
        ["resultsJson"] = ("결과 JSON", "Results (JSON)"),
        ["resultsCsv"] = ("결과 CSV", "Results (CSV)"),
        ["auditCsv"] = ("감사 기록 CSV", "Audit trail (CSV)"),
        ["awardSheet"] = ("시상 명단 (인쇄용)", "Award sheet (printable)"),
        ["confirm"] = ("이 작업을 실행함을 확인합니다.", "I confirm this action."),
        ["confirmRequired"] = ("확인란을 선택해야 실행됩니다.", "Tick the confirmation box to run the action."),
        ["run"] = ("실행", "Run"),
        ["cancel"] = ("취소", "Cancel"),
        ["done"] = ("완료했습니다", "Done"),
        ["failed"] = ("실행하지 못했습니다", "The action failed"),
        ["notAvailable"] = ("이 작업은 아직 서버에서 제공되지 않습니다.", "This action is not available on this server yet."),
        ["autoRefresh"] = ("진행 중에는 5초마다 새로 고칩니다.", "Refreshes every 5 seconds while running."),
        ["stopRefresh"] = ("자동 새로 고침 끄기", "Stop refreshing"),
        ["startRefresh"] = ("자동 새로 고침 켜기", "Refresh automatically"),
        ["back"] = ("회차로 돌아가기", "Back to the round"),
        ["language"] = ("English", "한국어"),
        ["reason"] = ("사유", "Reason"),
        ["newDeadline"] = ("새 마감 시각 (UTC)", "New deadline (UTC)"),
        ["judge"] = ("심사위원", "Judge"),
        ["newJudge"] = ("새 심사위원", "New judge"),
        ["email"] = ("이메일", "Email"),
        ["id"] = ("ID", "ID"),
        ["participant"] = ("대상 (동 또는 심사위원)", "Recipient (district or judge)"),
        ["awardTitle"] = ("상 이름", "Award title"),
        ["act.close-submissions"] = ("접수 마감", "Close submissions"),
        ["act.resend-link"] = ("링크 다시 보내기", "Re-send a link"),
        ["act.extend-deadline"] = ("심사 마감 연장", "Extend the judging deadline"),
        ["act.replace-judge"] = ("심사위원 교체", "Replace a judge"),
        ["act.proceed"] = ("지연 심사위원 없이 진행", "Proceed without a late judge"),
        ["act.special-award"] = ("특별상 추가", "Add a special award"),
        ["act.publish"] = ("발표 승인", "Approve publication"),
        ["act.purge-history"] = ("완료된 실행 기록 삭제", "Purge finished history"),
        ["act.terminate"] = ("강제 종료", "Terminate"),
        ["act.suspend"] = ("일시 중지", "Suspend"),
        ["act.resume"] = ("재개", "Resume"),
        ["act.restart"] = ("다시 시작", "Restart"),
        ["act.purge"] = ("실행 기록 삭제", "Purge history"),
        ["purgeNote"] = ("회차·사례·점수·결과·감사 기록 표는 그대로 남습니다.", "The product's own tables (round, cases, scores, results, audit) keep the record."),
        ["tier"] = ("등급", "Tier"),
        ["rank"] = ("순위", "Rank"),
        ["score"] = ("점수", "Score"),
        ["specialAwards"] = ("특별상", "Special awards"),
        ["panel"] = ("심사위원단", "Judging panel"),
        ["agreement"] = ("심사위원 간 일치도", "Agreement between judges"),
        ["notAllocated"] = ("아직 결과가 산정되지 않았습니다.", "Results are not allocated yet."),
        ["print"] = ("브라우저의 인쇄 기능으로 PDF로 저장할 수 있습니다.", "Use the browser's print to save as PDF."),
        ["aggregation"] = ("집계 방식", "Aggregation"),
        ["noTier"] = ("등급 외", "No tier"),
    };

    OpsText(string language) => Language = language;

    public string Language { get; }

    public bool IsKorean => Language == "ko";

    public string this[string key] => Words.TryGetValue(key, out var w) ? (IsKorean ? w.Ko : w.En) : key;

    public string Phase(string phase) => Words.ContainsKey("phase." + phase) ? this["phase." + phase] : phase;

    public static OpsText For(HttpContext http)
    {
        var asked = http.Request.Query["lang"].ToString();
        if (asked is "ko" or "en")
        {
            http.Response.Cookies.Append(LanguageCookie, asked, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/ops", MaxAge = TimeSpan.FromDays(365),
            });
            return new OpsText(asked);
        }

        if (http.Request.Cookies[LanguageCookie] is "ko" or "en")
        {
            return new OpsText(http.Request.Cookies[LanguageCookie]!);
        }

        var preferred = http.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(l => l is "ko" or "en");
        return new OpsText(preferred ?? "ko");
    }
}
