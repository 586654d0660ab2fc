using System.Globalization;

namespace WelfareFlow.Pages;

/// <summary>Every word a person reads, in Korean (the default) and English: the link pages' own words here, the
/// dashboard's in <see cref="Ops"/>, the emails' in <see cref="Mail"/>. Typed: a word missing in either language
/// fails the build.</summary>
public sealed class PageText
{
    public required string Code { get; init; }
    public required string OtherCode { get; init; }
    public required string OtherLabel { get; init; }
    public required string LanguageNav { get; init; }
    public required string SkipToContent { get; init; }
    public required string Brand { get; init; }
    public required string Footer { get; init; }
    /// <summary>The dashboard's words in this language.</summary>
    public required WelfareFlow.Ops.OpsText Ops { get; init; }
    /// <summary>The emails' words in this language (an email holds both languages).</summary>
    public required WelfareFlow.Mail.MailText Mail { get; init; }

    // Refusals
    public required string InvalidLinkTitle { get; init; }
    public required string InvalidLinkBody { get; init; }
    public required string ForbiddenTitle { get; init; }
    public required string ForbiddenBody { get; init; }
    public required string NotFoundTitle { get; init; }
    public required string NotFoundBody { get; init; }
    public required string TooManyTitle { get; init; }
    public required Func<int, string> TooManyBody { get; init; }
    public required Func<int, string> UnavailableBody { get; init; }
    public required string FormExpired { get; init; }
    public required string ErrorSummary { get; init; }
    public required string Required { get; init; }
    public required Func<int, string> TooLong { get; init; }

    // District page
    public required string SubmitTitle { get; init; }
    public required Func<string, string> SubmitHeading { get; init; }
    public required string Deadline { get; init; }
    public required string Status { get; init; }
    public required string StatusNone { get; init; }
    public required Func<int, string, string> StatusSubmitted { get; init; }
    public required string StatusNotSubmitted { get; init; }
    public required string StatusJudging { get; init; }
    public required string StatusFinal { get; init; }
    public required string SubmissionsClosed { get; init; }
    public required string YourCase { get; init; }
    public required string FieldTitle { get; init; }
    public required string FieldCategory { get; init; }
    public required string FieldCategoryHint { get; init; }
    public required string FieldSummary { get; init; }
    public required string FieldSummaryHint { get; init; }
    public required string SubmitFirst { get; init; }
    public required string SubmitEdit { get; init; }
    public required string Saved { get; init; }
    public required string Attachments { get; init; }
    public required string AttachmentsHint { get; init; }
    public required string NoAttachments { get; init; }
    public required string ChooseFile { get; init; }
    public required string Upload { get; init; }
    public required string Delete { get; init; }
    public required string Uploaded { get; init; }
    public required string Deleted { get; init; }
    public required string FileTooLarge { get; init; }
    public required string WrongType { get; init; }
    public required string TooManyFiles { get; init; }
    public required string NoFile { get; init; }
    public required string NoAttachment { get; init; }

    // Judge page
    public required string JudgeTitle { get; init; }
    public required Func<string, string> JudgeHeading { get; init; }
    public required string JudgingDeadline { get; init; }
    public required string JudgingNotStarted { get; init; }
    public required Func<int, int, string> Progress { get; init; }
    public required string AllDone { get; init; }
    public required string Cases { get; init; }
    public required string CaseColumn { get; init; }
    public required string StateColumn { get; init; }
    public required string TotalColumn { get; init; }
    public required string StatePending { get; init; }
    public required string StateScored { get; init; }
    public required string StateFinal { get; init; }
    public required string District { get; init; }
    public required string CaseText { get; init; }
    public required string Score { get; init; }
    public required Func<string, string> MaxPoints { get; init; }
    public required string Comment { get; init; }
    public required string SaveScore { get; init; }
    public required string ReviseScore { get; init; }
    public required Func<string, string, int, string> SavedScore { get; init; }
    public required Func<string, string> ScoreSaved { get; init; }
    public required string CaseFinal { get; init; }
    public required Func<string, string> Presenting { get; init; }
    /// <summary>The open case, once this judge has scored it (or stepped aside): they wait for the next presenter.</summary>
    public required Func<string, string> PresentingDone { get; init; }
    public required string WaitingForPresenter { get; init; }
    public required string CaseNotOpen { get; init; }
    public required string RecusedNotice { get; init; }
    public required string StateRecused { get; init; }
    public required string RecuseHeading { get; init; }
    public required string RecuseReason { get; init; }
    public required string RecuseButton { get; init; }
    public required Func<string, string> RecusalSaved { get; init; }
    public required string NoCase { get; init; }
    public required Func<string, string> PointsRange { get; init; }
    public required string Total { get; init; }

    public static readonly PageText Korean = new()
    {
        Code = "ko",
        OtherCode = "en",
        OtherLabel = "English",
        LanguageNav = "언어",
        SkipToContent = "본문으로 건너뛰기",
        Brand = "복지업무 우수 동 심사",
        Footer = "이 페이지의 주소는 귀하 전용 링크입니다. 다른 사람과 공유하지 마십시오.",
        Ops = WelfareFlow.Ops.OpsText.Korean,
        Mail = WelfareFlow.Mail.MailText.Korean,
        InvalidLinkTitle = "링크를 열 수 없습니다",
        InvalidLinkBody = "링크가 만료되었거나, 새 링크로 바뀌었거나, 주소 일부가 잘렸을 수 있습니다. 가장 최근에 받은 이메일의 링크를 다시 열어 주십시오. 문제가 계속되면 담당 부서에 문의해 주십시오.",
        ForbiddenTitle = "이 링크로는 이 페이지를 열 수 없습니다",
        ForbiddenBody = "이메일로 받은 링크를 그대로 열어 주십시오. 제출용 링크와 심사용 링크는 서로 다릅니다.",
        NotFoundTitle = "찾을 수 없습니다",
        NotFoundBody = "요청한 항목이 없습니다. 이메일의 링크에서 다시 시작해 주십시오.",
        TooManyTitle = "잠시 후 다시 시도해 주십시오",
        TooManyBody = s => $"올바르지 않은 링크로 너무 많이 시도했습니다. {s}초 후에 다시 시도해 주십시오.",
        UnavailableBody = s => $"지금 저장소가 응답하지 않습니다. 저장된 내용은 그대로 있습니다. {s}초 후에 다시 시도해 주십시오.",
        FormExpired = "양식의 유효 시간이 지났습니다. 내용을 확인한 뒤 다시 제출해 주십시오.",
        ErrorSummary = "입력한 내용을 확인해 주십시오",
        Required = "필수 항목입니다.",
        TooLong = n => $"{n:N0}자 이내로 입력해 주십시오.",
        SubmitTitle = "사례 제출",
        SubmitHeading = d => $"{d} 사례 제출",
        Deadline = "제출 마감",
        Status = "제출 상태",
        StatusNone = "아직 제출하지 않았습니다.",
        StatusSubmitted = (n, at) => $"제출됨 — 마지막 저장 {at}, 저장 {n}회",
        StatusNotSubmitted = "제출하지 않았습니다.",
        StatusJudging = "심사 중입니다.",
        StatusFinal = "심사가 끝났습니다.",
        SubmissionsClosed = "제출이 마감되었습니다. 제출한 내용과 첨부 파일은 더 이상 바꿀 수 없습니다.",
        YourCase = "사례 내용",
        FieldTitle = "사례 제목",
        FieldCategory = "분야",
        FieldCategoryHint = "예: 돌봄, 고독사 예방, 주거 지원",
        FieldSummary = "사례 요약",
        FieldSummaryHint = "사업의 배경, 추진 내용, 성과를 적어 주십시오.",
        SubmitFirst = "제출하기",
        SubmitEdit = "수정 내용 저장",
        Saved = "저장했습니다. 접수 확인 이메일을 보내 드렸습니다.",
        Attachments = "첨부 파일",
        AttachmentsHint = "최대 5개, 파일당 20MB까지. PDF, HWP, HWPX, DOCX, PPTX, XLSX, JPG, PNG 파일을 올릴 수 있습니다.",
        NoAttachments = "첨부 파일이 없습니다.",
        ChooseFile = "올릴 파일",
        Upload = "파일 올리기",
        Delete = "삭제",
        Uploaded = "파일을 올렸습니다.",
        Deleted = "파일을 삭제했습니다.",
        FileTooLarge = "파일이 20MB보다 큽니다. 크기를 줄여서 다시 올려 주십시오.",
        WrongType = "올릴 수 없는 파일입니다. 내용이 PDF, HWP, HWPX, DOCX, PPTX, XLSX, JPG, PNG 형식인 파일만 올릴 수 있습니다.",
        TooManyFiles = "첨부 파일은 5개까지입니다. 먼저 파일 하나를 삭제해 주십시오.",
        NoFile = "올릴 파일을 선택해 주십시오.",
        NoAttachment = "그 파일은 이미 삭제되었습니다.",
        JudgeTitle = "사례 심사",
        JudgeHeading = n => $"{n} 심사위원님의 심사",
        JudgingDeadline = "심사 마감",
        JudgingNotStarted = "아직 심사가 시작되지 않았습니다. 사례 제출이 마감되면 이곳에 심사할 사례가 표시됩니다.",
        Progress = (done, all) => $"{all}건 중 {done}건을 평가했습니다.",
        AllDone = "모든 사례를 평가했습니다. 감사합니다. 사례가 확정되기 전까지는 점수를 수정할 수 있습니다.",
        Cases = "심사할 사례",
        CaseColumn = "사례",
        StateColumn = "상태",
        TotalColumn = "합계",
        StatePending = "미평가",
        StateScored = "평가 완료",
        StateFinal = "확정",
        District = "동",
        CaseText = "사례 요약",
        Score = "평가",
        MaxPoints = m => $"최대 {m}점",
        Comment = "의견 (선택)",
        SaveScore = "점수 저장",
        ReviseScore = "점수 수정",
        SavedScore = (total, max, n) => $"저장된 점수: 합계 {total} / {max}점 ({n}번째 저장)",
        ScoreSaved = d => $"{d} 사례의 점수를 저장했습니다.",
        CaseFinal = "이 사례는 확정되어 점수를 더 이상 바꿀 수 없습니다.",
        Presenting = d => $"지금 발표 중: {d}. 아래 첫 사례를 평가해 주십시오.",
        PresentingDone = d => $"지금 발표 중: {d}. 이 사례의 평가를 마치셨습니다. 다음 발표를 기다리는 동안 이 화면은 스스로 새로 고쳐집니다.",
        WaitingForPresenter = "다음 발표를 기다리는 중입니다. 이 화면은 스스로 새로 고쳐집니다.",
        CaseNotOpen = "이 사례는 지금 발표 중이 아니어서 평가할 수 없습니다.",
        RecusedNotice = "이해충돌로 이 사례의 심사를 회피하셨습니다.",
        StateRecused = "회피",
        RecuseHeading = "이해충돌 회피",
        RecuseReason = "회피 사유",
        RecuseButton = "이 사례 심사 회피",
        RecusalSaved = d => $"{d} 사례의 심사 회피가 기록되었습니다.",
        NoCase = "이 사례는 심사 대상이 아닙니다.",
        PointsRange = m => $"0부터 {m}까지, 0.5점 단위로 입력해 주십시오.",
        Total = "합계",
    };

    public static readonly PageText English = new()
    {
        Code = "en",
        OtherCode = "ko",
        OtherLabel = "한국어",
        LanguageNav = "Language",
        SkipToContent = "Skip to content",
        Brand = "Welfare Work Excellence District contest",
        Footer = "The address of this page is your personal link. Do not share it.",
        Ops = WelfareFlow.Ops.OpsText.English,
        Mail = WelfareFlow.Mail.MailText.English,
        InvalidLinkTitle = "This link cannot be opened",
        InvalidLinkBody = "The link may have expired, been replaced by a newer one, or been cut short. Please open the link in the most recent email you received. If this keeps happening, contact the organisers.",
        ForbiddenTitle = "This link does not open this page",
        ForbiddenBody = "Please open the link exactly as emailed. Submission links and judging links are different.",
        NotFoundTitle = "Not found",
        NotFoundBody = "What you asked for does not exist. Please start again from the link in your email.",
        TooManyTitle = "Please try again later",
        TooManyBody = s => $"Too many attempts with links that did not work. Please try again in {s} seconds.",
        UnavailableBody = s => $"Storage is not answering right now. Nothing saved is lost. Please try again in {s} seconds.",
        FormExpired = "This form has expired. Please check your entries and submit again.",
        ErrorSummary = "Please check what you entered",
        Required = "This field is required.",
        TooLong = n => $"Use at most {n:N0} characters.",
        SubmitTitle = "Case submission",
        SubmitHeading = d => $"Case submission: {d}",
        Deadline = "Submission deadline",
        Status = "Status",
        StatusNone = "Not submitted yet.",
        StatusSubmitted = (n, at) => $"Submitted — last saved {at}, saved {n} time{(n == 1 ? "" : "s")}",
        StatusNotSubmitted = "Not submitted.",
        StatusJudging = "Being judged.",
        StatusFinal = "Judging is complete.",
        SubmissionsClosed = "Submissions are closed. Your case and its attachments can no longer be changed.",
        YourCase = "Your case",
        FieldTitle = "Case title",
        FieldCategory = "Category",
        FieldCategoryHint = "For example: care, preventing lonely deaths, housing support",
        FieldSummary = "Summary",
        FieldSummaryHint = "Describe the background, what was done, and the results.",
        SubmitFirst = "Submit case",
        SubmitEdit = "Save changes",
        Saved = "Saved. A receipt has been emailed to you.",
        Attachments = "Attachments",
        AttachmentsHint = "Up to 5 files, 20 MB each: PDF, HWP, HWPX, DOCX, PPTX, XLSX, JPG or PNG.",
        NoAttachments = "No attachments.",
        ChooseFile = "File to upload",
        Upload = "Upload file",
        Delete = "Delete",
        Uploaded = "File uploaded.",
        Deleted = "File deleted.",
        FileTooLarge = "The file is larger than 20 MB. Please make it smaller and upload it again.",
        WrongType = "This file cannot be uploaded. Only files whose content is PDF, HWP, HWPX, DOCX, PPTX, XLSX, JPG or PNG are accepted.",
        TooManyFiles = "A case has at most 5 attachments. Please delete one first.",
        NoFile = "Please choose a file to upload.",
        NoAttachment = "That file was deleted already.",
        JudgeTitle = "Case scoring",
        JudgeHeading = n => $"Scoring by {n}",
        JudgingDeadline = "Judging deadline",
        JudgingNotStarted = "Judging has not started yet. The cases to score appear here once submissions close.",
        Progress = (done, all) => $"You have scored {done} of {all} cases.",
        AllDone = "You have scored every case. Thank you! You can revise a score until its case is final.",
        Cases = "Cases to score",
        CaseColumn = "Case",
        StateColumn = "State",
        TotalColumn = "Total",
        StatePending = "Not scored",
        StateScored = "Scored",
        StateFinal = "Final",
        District = "District",
        CaseText = "Summary",
        Score = "Score",
        MaxPoints = m => $"max {m} points",
        Comment = "Comment (optional)",
        SaveScore = "Save score",
        ReviseScore = "Revise score",
        SavedScore = (total, max, n) => $"Saved score: total {total} of {max} (version {n})",
        ScoreSaved = d => $"Your score for {d} is saved.",
        CaseFinal = "This case is final; its scores can no longer change.",
        Presenting = d => $"Presenting now: {d}. Please score the first case below.",
        PresentingDone = d => $"Presenting now: {d}. You are done with this case; this page refreshes itself while you wait for the next presentation.",
        WaitingForPresenter = "Waiting for the next presentation; this page refreshes itself.",
        CaseNotOpen = "This case is not presenting now, so it cannot be scored.",
        RecusedNotice = "You recused yourself from this case (conflict of interest).",
        StateRecused = "Recused",
        RecuseHeading = "Conflict of interest",
        RecuseReason = "Reason for recusal",
        RecuseButton = "Recuse myself from this case",
        RecusalSaved = d => $"Your recusal from {d}'s case is recorded.",
        NoCase = "This case is not open for judging.",
        PointsRange = m => $"Enter 0 to {m}, in steps of 0.5.",
        Total = "Total",
    };

    public string Time(DateTimeOffset at) => SeoulTime.For(Code, at);

    public static string Points(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };
}
