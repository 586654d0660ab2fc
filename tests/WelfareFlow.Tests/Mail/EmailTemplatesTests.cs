using WelfareFlow.Evaluation;
using WelfareFlow.Mail;

namespace WelfareFlow.Tests.Mail;

/// <summary>Every kind of email: Korean first, then English, in both the text and the HTML part.</summary>
public sealed class EmailTemplatesTests
{
    const string Round = "2024년 복지업무 우수 동 성과보고회";
    const string Link = "https://welfare.example/judge/abc.def";
    static readonly DateTimeOffset Deadline = new(2024, 11, 29, 9, 0, 0, TimeSpan.Zero);

    static readonly CaseExplanation Explanation = new(new Dictionary<string, double> { ["judge-1"] = 88 }, [], null, 88, null,
        "Rank 1 is within the first 1 place(s): Best.", "Scored 88.00 by trimmed mean; ranked 1 of 12.")
    {
        TierReasonKo = "1위는 최우수 정원(1) 안에 듭니다.",
        SummaryKo = "절사평균 88.00점으로 12건 중 1위입니다.",
    };

    public static TheoryData<string, EmailTemplates.Content, string?> Kinds() => new()
    {
        { "district-invitation", EmailTemplates.DistrictInvitation(Round, "고봉동", Link, Deadline), Link },
        { "submission-receipt", EmailTemplates.SubmissionReceipt(Round, "고봉동", "이웃 안부 확인 <사업>", Link, Deadline), Link },
        { "submission-reminder", EmailTemplates.SubmissionReminder(Round, "고봉동", Link, Deadline), Link },
        { "judge-invitation", EmailTemplates.JudgeInvitation(Round, "심사위원 1", Link, 12, Deadline), Link },
        { "judge-reminder", EmailTemplates.JudgeReminder(Round, "심사위원 1", Link, ["고봉동 — 사례"], Deadline), Link },
        { "link-reissued", EmailTemplates.LinkReissued(Round, "고봉동", Link), Link },
        { "operator-escalation", EmailTemplates.OperatorEscalation(Round, "고봉동", "gobong", ["심사위원 2 (judge-2)"], 3, 4, Deadline, "https://welfare.example/api/rounds/goyang-2024"), null },
        { "district-result", EmailTemplates.DistrictResult(Round, "고봉동", 1, 12, "최우수", 88, Explanation), null },
        { "judge-thanks", EmailTemplates.JudgeThanks(Round, "심사위원 1", [new(1, "고봉동", "최우수", 88), new(2, "주엽1동", "우수", 85.5)]), null },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Content_EveryKind_KoreanFirstThenEnglishInTextAndHtml(string kind, EmailTemplates.Content content, string? link)
    {
        Assert.False(string.IsNullOrWhiteSpace(content.Subject), kind);
        Assert.Matches("[가-힣]", content.Subject);
        Assert.Matches("[A-Za-z]", content.Subject);

        var separator = content.Text.IndexOf("----", StringComparison.Ordinal);
        Assert.True(separator > 0, $"{kind}: no separator between the Korean and English parts");
        Assert.Matches("[가-힣]", content.Text[..separator]);
        Assert.Matches("(Dear|The judging deadline|Here is)", content.Text[separator..]);

        var ko = content.Html.IndexOf("<div lang=\"ko\">", StringComparison.Ordinal);
        var en = content.Html.IndexOf("<div lang=\"en\">", StringComparison.Ordinal);
        Assert.True(ko >= 0 && en > ko, $"{kind}: the HTML must hold the Korean part, then the English part");
        Assert.DoesNotContain("<사업>", content.Html, StringComparison.Ordinal);
        if (link is not null)
        {
            Assert.Contains(link, content.Text[..separator], StringComparison.Ordinal);
            Assert.Contains(link, content.Text[separator..], StringComparison.Ordinal);
            Assert.Contains($"href=\"{link}\"", content.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DistrictResult_RankedCase_ShowsTierRankAndExplanationInBothLanguages()
    {
        var content = EmailTemplates.DistrictResult(Round, "고봉동", 1, 12, "최우수", 88.004, Explanation);

        Assert.Contains("12건 중 1위, 점수 88.00", content.Text, StringComparison.Ordinal);
        Assert.Contains("시상: 최우수", content.Text, StringComparison.Ordinal);
        Assert.Contains(Explanation.TierReasonKo, content.Text, StringComparison.Ordinal);
        Assert.Contains(Explanation.SummaryKo, content.Text, StringComparison.Ordinal);
        Assert.Contains("Rank: 1 of 12, score 88.00", content.Text, StringComparison.Ordinal);
        Assert.Contains(Explanation.TierReason, content.Text, StringComparison.Ordinal);
        Assert.Contains(Explanation.Summary, content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void JudgeThanks_FinalTable_IsATableInHtmlAndLinesInText()
    {
        var content = EmailTemplates.JudgeThanks(Round, "심사위원 1", [new(1, "고봉동", "최우수", 88), new(2, "주엽1동", null, 85.5)]);

        Assert.Contains("1. 고봉동 — 최우수 (88.00)", content.Text, StringComparison.Ordinal);
        Assert.Contains("2. 주엽1동 — - (85.50)", content.Text, StringComparison.Ordinal);
        Assert.Contains("<td>고봉동</td><td>최우수</td><td>88.00</td>", content.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void SubmissionReminder_Deadline_IsShownInSeoulTime()
    {
        var content = EmailTemplates.SubmissionReminder(Round, "고봉동", Link, Deadline);

        Assert.Contains("제출 마감: 2024년 11월 29일 18:00 (KST)", content.Text, StringComparison.Ordinal);
        Assert.Contains("Deadline: 29 Nov 2024, 18:00 KST", content.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("09:00", content.Text, StringComparison.Ordinal);
    }
}
