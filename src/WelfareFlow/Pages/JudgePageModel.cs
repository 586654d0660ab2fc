using WelfareFlow.Attachments;
using WelfareFlow.Evaluation;
using WelfareFlow.Storage;

namespace WelfareFlow.Pages;

/// <summary>What a judge's page shows: every case in judging with its files, the rubric and the judge's score, plus
/// the last attempt (which case, what was typed, errors, message).</summary>
public sealed record JudgePageModel(
    PageText Text,
    string Home,
    string Action,
    string Csrf,
    string JudgeName,
    string RoundTitle,
    DateTimeOffset Deadline,
    IReadOnlyList<JudgePageModel.Item> Items,
    IReadOnlyList<Criterion> Rubric,
    string? Notice,
    string NoticeKind,
    string? SavedDistrictName,
    JudgePageModel.Attempt? Last)
{
    public sealed record Item(CaseRow Case, string DistrictName, IReadOnlyList<AttachmentInfo> Files, ScoreRow? Score)
    {
        public string DistrictId => Case.RowKey;
        public bool Final => Case.Status == CaseStatus.Final || Score is { Final: true };
        public bool Scored => Score is { Scored: true };
        public bool Recused => Score is { Recused: true, Scored: false };
        public IReadOnlyDictionary<string, double> Points => Scored ? Score!.Criteria() : new Dictionary<string, double>();
        public double Total => Points.Values.Sum();
    }

    /// <summary>A failed post of one case's form: brought back into that case's section.</summary>
    public sealed record Attempt(string DistrictId, IReadOnlyDictionary<string, string>? Posted, string? Comment, IReadOnlyDictionary<string, string> Errors, string? Notice, string NoticeKind);

    /// <summary>A presentation-day round: the open case comes first and the page says who presents.</summary>
    public bool Live { get; init; }
    public string? PresentingDistrictName { get; init; }
    /// <summary>This judge has scored the open case (or recused from it) and waits for the next one.</summary>
    public bool DoneWithPresenting { get; init; }
    public string? RecusedDistrictName { get; init; }

    public double MaxTotal => Rubric.Sum(c => c.MaxPoints);

    public int ScoredCount => Items.Count(i => i.Scored);

    public Attempt? For(Item item) => Last?.DistrictId == item.DistrictId ? Last : null;
}
