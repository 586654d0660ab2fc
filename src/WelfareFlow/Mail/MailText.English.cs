namespace WelfareFlow.Mail;

public sealed partial class MailText
{
    public static readonly MailText English = new()
    {
        Code = "en",
        Time = SeoulTime.English,
        DistrictInvitation = (round, district, deadline) => new("Case submission",
            [$"Dear {district} team,", $"Please submit your case for \"{round}\" through the link below.", $"Deadline: {SeoulTime.English(deadline)}", "This link is for your district only; do not share it."],
            "Open the submission form"),
        FinalistInvitation = (round, district, deadline) => new("Selected for the final",
            [$"Dear {district} team, congratulations: your case was selected for the final.", $"Your case has been carried into \"{round}\" as submitted; you may revise it through the link below until {SeoulTime.English(deadline)}.", "This link is for your district only; do not share it."],
            "View or revise your case"),
        SubmissionReceipt = (round, district, title, at) => new($"Case received: {title}",
            [$"Dear {district} team, your case has been received.", $"Case title: {title}", $"Received: {SeoulTime.English(at)}", "You can edit it through the same link until submissions close."],
            "View your submission"),
        SubmissionReminder = (round, district, deadline) => new("Submission deadline approaching",
            [$"Dear {district} team, your case for \"{round}\" has not been submitted yet.", $"Deadline: {SeoulTime.English(deadline)}", "Submissions close at the deadline. Please submit through the link below."],
            "Open the submission form"),
        JudgeInvitation = (round, judge, count, deadline) => new($"Please score {count} cases",
            [$"Dear {judge},", $"Please score the {count} cases of \"{round}\" through the link below.", $"Deadline: {SeoulTime.English(deadline)}", "This link is for you only; do not share it."],
            "Open the scoring page"),
        JudgeReminder = (round, judge, pending, deadline) => new($"Reminder: {pending.Count} cases to score",
            [$"Dear {judge}, {pending.Count} cases still await your score.", Bullets(pending), $"Deadline: {SeoulTime.English(deadline)}"],
            "Open the scoring page"),
        LinkReissued = (round, name) => new("Your new link",
            [$"Dear {name}, a new personal link for \"{round}\" has been issued.", "The link you received before no longer works; please use the new one below."],
            "Open the new link"),
        OperatorEscalation = e => new($"Judging late: {e.DistrictName}",
            [$"The judging deadline ({SeoulTime.English(e.Deadline)}) has passed and the case of {e.DistrictName} lacks its quorum ({e.Scored}/{e.Quorum}).", $"Judges still to score: {string.Join(", ", e.LateJudges)}",
                "Please decide one of:", $"· extend the deadline: POST {e.RoundApi}/extend-deadline", $"· replace a judge: POST {e.RoundApi}/judges/{{judgeId}}/replace", $"· proceed with the scores present: POST {e.RoundApi}/cases/{e.DistrictId}/proceed"]),
        DistrictResult = r => new($"Result: {r.TierLabel ?? (r.Rank is null ? "-" : $"{r.Rank}")}",
            [$"Dear {r.DistrictName} team,", $"Here is your result in \"{r.RoundTitle}\".",
                r.Rank is null ? "Rank: not ranked (too few scores)." : $"Rank: {r.Rank} of {r.RankedCount}, score {Points(r.Score)}",
                $"Award: {r.TierLabel ?? "none"}", $"Why this award: {r.Explanation.TierReason}", $"Explanation: {r.Explanation.Summary}"]),
        JudgeThanks = (judge, lines) => new("Thank you and final results",
            [$"Dear {judge}, thank you for judging.", "The final results are:", string.Join("\n", lines)]),
        RankHeader = "Rank",
        DistrictHeader = "District",
        AwardHeader = "Award",
        ScoreHeader = "Score",
    };
}
