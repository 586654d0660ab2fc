namespace WelfareFlow.Tests.Deadlines;

/// <summary>A small round definition body (few districts and judges) for tests about time and people.</summary>
public static class SmallRound
{
    public static readonly (string Id, string Title, int MaxPoints)[] Rubric = [("creativity", "창의성", 50), ("effectiveness", "효과성", 50)];

    public static object Definition(
        string id, string[] districts, string[] judges, DateTimeOffset submissionDeadline, DateTimeOffset judgingDeadline,
        string? reminderEvery = null, string? submissionReminderBefore = null, int? quorum = null) => new
    {
        id,
        title = "마감 시험 라운드",
        districts = districts.Select(d => new { id = d, name = $"{d}동", email = $"{d}@goyang.example" }),
        judges = judges.Select((j, i) => new { id = j, name = $"심사위원 {i + 1}", email = $"{j}@judges.example" }),
        rubric = Rubric.Select(r => new { id = r.Id, title = r.Title, maxPoints = r.MaxPoints }),
        aggregation = "mean",
        tiers = new[] { new { id = "best", label = "최우수", quota = 1 }, new { id = "excellent", label = "우수", quota = 1 } },
        submissionDeadline,
        judgingDeadline,
        reminderEvery,
        submissionReminderBefore,
        operatorEmails = new[] { "welfare@goyang.example" },
        requireApproval = false,
        quorum,
    };

    public static object Case(string district) => new { title = $"{district}동 사례", summary = $"{district}동의 돌봄 사업", category = "돌봄" };

    public static object Score(double creativity, double effectiveness) =>
        new { criteria = new Dictionary<string, double> { ["creativity"] = creativity, ["effectiveness"] = effectiveness }, comment = "검토 완료" };
}
