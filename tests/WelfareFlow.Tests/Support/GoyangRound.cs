namespace WelfareFlow.Tests.Support;

/// <summary>Goyang's 44 districts (dong), four judges and the 2024 rubric and tiers, as a round definition body.</summary>
public static class GoyangRound
{
    public static readonly (string Id, string Name)[] Districts =
    [
        ("jugyo", "주교동"), ("wonsin", "원신동"), ("heungdo", "흥도동"), ("seongsa-1", "성사1동"), ("seongsa-2", "성사2동"),
        ("hyoja", "효자동"), ("sindo", "신도동"), ("samsong-1", "삼송1동"), ("samsong-2", "삼송2동"), ("changneung", "창릉동"),
        ("goyang", "고양동"), ("gwansan", "관산동"), ("neunggok", "능곡동"), ("hwajeong-1", "화정1동"), ("hwajeong-2", "화정2동"),
        ("haengju", "행주동"), ("haengsin-1", "행신1동"), ("haengsin-2", "행신2동"), ("haengsin-3", "행신3동"), ("haengsin-4", "행신4동"),
        ("hwajeon", "화전동"), ("daedeok", "대덕동"), ("siksa", "식사동"), ("jungsan-1", "중산1동"), ("jungsan-2", "중산2동"),
        ("jeongbalsan", "정발산동"), ("pungsan", "풍산동"), ("baekseok-1", "백석1동"), ("baekseok-2", "백석2동"), ("madu-1", "마두1동"),
        ("madu-2", "마두2동"), ("janghang-1", "장항1동"), ("janghang-2", "장항2동"), ("gobong", "고봉동"), ("ilsan-1", "일산1동"),
        ("ilsan-2", "일산2동"), ("ilsan-3", "일산3동"), ("tanhyeon-1", "탄현1동"), ("tanhyeon-2", "탄현2동"), ("juyeop-1", "주엽1동"),
        ("juyeop-2", "주엽2동"), ("daehwa", "대화동"), ("songpo", "송포동"), ("songsan", "송산동"),
    ];

    public static readonly string[] Judges = ["judge-1", "judge-2", "judge-3", "judge-4"];

    public static readonly (string Id, string Title, int MaxPoints)[] Rubric =
    [
        ("creativity", "창의성", 20), ("effectiveness", "효과성", 30), ("sustainability", "지속가능성", 25), ("collaboration", "협업", 25),
    ];

    public static object Definition(string id, DateTimeOffset submissionDeadline, DateTimeOffset judgingDeadline, bool requireApproval = false, string aggregation = "trimmed-mean", string? reminderEvery = null) => new
    {
        id,
        title = "2024년 복지업무 우수 동 성과보고회",
        districts = Districts.Select(d => new { id = d.Id, name = d.Name, email = $"{d.Id}@goyang.example" }),
        judges = Judges.Select((j, i) => new { id = j, name = $"심사위원 {i + 1}", email = $"{j}@judges.example" }),
        rubric = Rubric.Select(r => new { id = r.Id, title = r.Title, maxPoints = r.MaxPoints }),
        aggregation,
        tiers = new[] { new { id = "best", label = "최우수", quota = 1 }, new { id = "excellent", label = "우수", quota = 3 }, new { id = "encouragement", label = "장려", quota = 7 } },
        submissionDeadline,
        judgingDeadline,
        reminderEvery,
        operatorEmails = new[] { "welfare@goyang.example" },
        requireApproval,
    };
}
